"""The question box: questions in Spanish answered from the platform's data.

``parse`` (pure) reads what is asked and about what; ``answers`` reads the
data and cites the rows, works and documents every figure comes from. No
answer is made up: what the parser does not recognise is declined, saying
what can be asked instead.
"""
