"""Budget statements from the state's harmonised-accounting files.

The Estado Analítico del Ejercicio del Presupuesto de Egresos (by
administrative unit and by chapter and concept of the Clasificador por
Objeto del Gasto) and the Estado Analítico de Ingresos (by rubro of the
Clasificador por Rubros de Ingresos), each in its accounting moments.
"""
