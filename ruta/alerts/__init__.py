"""Following works, municipalities, programs and searches: e-mail, feeds, messaging."""
