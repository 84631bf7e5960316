"""The prose of the CECOP 2024 report as published, in the project's words.

Each paragraph states the figures the 2024 report states, as it prints them
(cut to millions, "más de", "más menos"), including those its tables do not
bear out; the words the CECOP reader anchors a figure on stay ("… obras
contratadas directamente a través del Programa Gestión Emergente …, $144
mdp, en beneficio de …"), the rest is written anew. Paragraphs stating
money in other words (a named work's cost) are the report's facts too: the
reader lists them as not read, as it lists the original's.

The sections follow the report's order; ``cecop_published`` lays them out
around the tables.
"""

from __future__ import annotations

INTRODUCTION = (
    "I. INTRODUCCIÓN",
    "Este informe reúne lo que el Gobierno del Estado hizo en 2024 por medio del "
    "Consejo Estatal de Concertación para la Obra Pública (CECOP): las obras y "
    "acciones concertadas con los 72 Ayuntamientos, con la sociedad organizada y "
    "con otras dependencias, y la participación de la ciudadanía en concertar, "
    "construir y vigilar la infraestructura social del Estado.",
    "Primero se presenta el resumen ejecutivo; después, la operación de la "
    "estrategia, objetivo por objetivo, con sus tablas de obras e indicadores; "
    "al final, los proyectos estratégicos y, como anexo, las cédulas de los "
    "indicadores.",
)

SUMMARY = (
    "VI. RESUMEN EJECUTIVO",
    "En 2024 el Gobierno del Estado, por medio del CECOP, llevó a cabo 44 obras "
    "contratadas directamente a través del Programa Gestión Emergente Transforma "
    "Sonora, con recursos estatales por $144 mdp, en beneficio de 1,067,715 "
    "personas.",
    "Mediante convenios con los 72 Ayuntamientos y con la sociedad civil "
    "organizada, el Programa Transforma Sonora en Apoyo a los Municipios lleva "
    "recursos sobre todo a comunidades y localidades rurales, con una "
    "participación abierta del Estado, los municipios y los beneficiarios; en el "
    "año se logró la liberación de recursos para la ejecución de obras "
    "concertadas de un monto de $150 mdp, para los 2.9 millones de habitantes "
    "del Estado.",
    "Para la población más vulnerable, el CECOP entregó ayudas diversas con una "
    "inversión estatal de $111.6 mdp, atendiendo más de 1,076 solicitudes: apoyos "
    "para emprender, para mujeres jefas de familia, para asociaciones sin fines "
    "de lucro, vehículos para los servicios municipales de salud, educación y "
    "seguridad, y 177 tinacos para Bacerac, Bavispe, Nacozari de García y "
    "Sahuaripa.",
    "Para devolver a las familias los parques y espacios públicos que estaban "
    "abandonados, con los Programas Transforma Sonora se realizaron 100 acciones "
    "encaminadas a la rehabilitación y construcción de parques y áreas verdes, "
    "con una inversión estatal de $54.6 mdp; y 62 mdp invertidos en 195 obras "
    "relacionadas con el mejoramiento de edificios públicos, beneficiando a más "
    "menos 1,000,000 de habitantes.",
    "El Mercado Municipal No. 1 José María Pino Suárez, el edificio más antiguo "
    "del centro de Hermosillo, se rehabilita por completo y casi al terminar "
    "lleva 59.9 mdp estatales, para más de 500,000 personas. El mercado "
    "municipal de Navojoa recibió 10.2 mdp para renovar su sistema eléctrico, en "
    "beneficio de 120,926 personas.",
)

HIGHLIGHTS = (
    "Desarrollo y Bienestar Social",
    "En concertación con los 72 Ayuntamientos, dentro del subprograma de parques "
    "y áreas verdes, se ejecutaron 93 parques, con una inversión de $22.5 mdp, "
    "beneficiando a 96,639 personas.",
    "Las instalaciones deportivas acercan el deporte a las comunidades y alejan "
    "a los jóvenes del vandalismo y de las drogas; con la participación "
    "municipalista, el CECOP invirtió $18.1 mdp, beneficiando a 156,247 "
    "personas.",
)

BUDGET = (
    "Con un Presupuesto Autorizado de $528,628,425.05 mdp para el ejercicio 2024, "
    "el Consejo reforzó la obra pública en favor de los 2.9 millones de "
    "sonorenses.",
)

OBJECTIVE_1 = (
    "VII. OPERACIÓN DE LA ESTRATEGIA",
    "OBJETIVO 1. Que la sociedad civil participe en obras "
    "concertadas entre el Gobierno del Estado, los Ayuntamientos y los consejos "
    "municipales de concertación.",
    "ACCIONES REALIZADAS: por medio del CECOP, el Gobierno del Estado contrató y "
    "ejecutó directamente 44 obras públicas con una inversión de $144 mdp; entre "
    "ellas:",
    "En la comunidad de El Paso, en Álamos, se pavimentó con concreto hidráulico "
    "el vado del acceso principal, con $6.1 mdp. En el Golfo de Santa Clara, San "
    "Luis Río Colorado, la cancha de futbol recibió pasto sintético, con 5.6 mdp "
    "para 1,098 personas. En una plaza pública de Etchojoa se levantó un "
    "tejabán para 9,831 habitantes, con 9.7 mdp.",
    "En concertación con los 72 municipios, de enero a diciembre de 2024 el "
    "CECOP invirtió 144.6 mdp para 612 obras públicas; por rubro destacan agua "
    "potable y alcantarillado $6 mdp; pavimentación $16.3 mdp; mejoramiento de "
    "edificios escolares $21.2 mdp; parques y áreas verdes $22.5 mdp; alumbrado "
    "público $3.8 mdp; mejoramiento de edificios públicos $43.9 mdp; "
    "electrificación $3.4 mdp, entre otros.",
    "Cada obra tiene un comité ciudadano que la acompaña desde el arranque hasta "
    "la entrega-recepción: en 2024 hubo un total de 671 comités ciudadanos.",
    "IMPACTO: los 72 municipios recibieron obras y acciones del Gobierno del "
    "Estado por medio del CECOP, con una participación del 100 % de Gobierno, "
    "municipios y beneficiarios en la concertación de obras públicas, atendiendo "
    "colonias y barrios populares e invirtiendo más de 150 mdp.",
    "En el Programa de Gestión Social Emergente, en el que el CECOP contrata y "
    "ejecuta las obras, se realizaron 44 obras en beneficio de más de 1,500,000 "
    "personas, entre ellas: (10) mejoramiento de edificios escolares, con $27.5 "
    "mdp; (7) rehabilitación de parques y áreas verdes, con $32.1 mdp; (13) "
    "instalaciones deportivas, con $45.8 mdp; (7) mejoramiento de edificios "
    "públicos, $18 mdp; (3) pavimentación, con $12.9 mdp; además de "
    "electrificación y alcantarillado.",
    "Con los programas Transforma Sonora se atendió el mejoramiento de edificios "
    "escolares, para que estudiar sea digno y menos alumnos dejen la escuela: la "
    "rehabilitación de 90 escuelas (techumbres, canchas e instalaciones en "
    "general), invirtiéndose 48.7 mdp para más de 50,000 estudiantes.",
)

TABLES_INTRODUCTION = (
    "Las tablas siguientes dan la inversión estatal de 2024 por programa, por "
    "subprograma y por región del Estado.",
)

OBJECTIVE_2 = (
    "OBJETIVO 2. Fortalecer la relación entre gobierno y población en las "
    "decisiones del Programa Transforma Sonora en Apoyo a los Municipios, con "
    "trabajo y responsabilidad compartidos.",
    "ACCIONES REALIZADAS: para el medio ambiente y la convivencia familiar, los "
    "programas Transforma Sonora reunieron obras de recreación y de deporte, como: la "
    "rehabilitación de parques y áreas verdes, instalaciones deportivas y "
    "mejoramiento ambiental, con Inversión Estatal $119.3 mdp, con 194 obras "
    "públicas para más de 450,000 habitantes.",
    "Los más necesitados siguen siendo la prioridad: el CECOP entregó 1,076 "
    "ayudas sociales con una inversión total de $111.6 mdp, entre ellas 177 "
    "tinacos para el acceso al agua potable y 15 vehículos para municipios como "
    "Guaymas, Huatabampo, Hermosillo, Villa Pesqueira, Agua Prieta, Bavispe y "
    "Rosario, destinados a salud, educación y seguridad.",
    "Ante la «Declaratoria de Estado de Emergencia Hídrica 2024», el CECOP "
    "realizó las obras y acciones de la tabla siguiente por un monto de 5.4 mdp, "
    "aportados directamente por el Gobierno del Estado.",
)

DROUGHT_HEADING = (
    "Obras y acciones por la Declaratoria de Estado de Emergencia Hídrica 2024",
)

AFTER_DROUGHT = (
    "En Suaqui Grande se invirtieron 8.8 mdp para rehabilitar por completo la "
    "red de agua potable, pensada para abastecer al municipio otros 50 años. En "
    "Fronteras se construyó un tanque elevado de 60 m³ con 3.6 mdp, para 1,000 "
    "habitantes.",
    "En diciembre, el Operativo Navideño llevó más de 28,600 juguetes a niñas y "
    "niños con 12.6 mdp estatales, y 10,270 cenas navideñas a familias de "
    "escasos recursos con 3.4 millones de pesos.",
    "La tabla siguiente da la inversión estatal de las ayudas diversas por "
    "rubro de gasto.",
)

SPECIAL_PROGRAMS = (
    "VIII. PROGRAMAS ESPECIALES DE MEDIANO PLAZO",
    "INVERSIÓN EN NIÑAS, NIÑOS Y ADOLESCENTES 2024",
)

PROJECTS = (
    "IX. PROYECTOS ESTRATÉGICOS",
    "En 2024 se formaron un total de 671 comités ciudadanos, los Comités de la "
    "Transformación, que vigilan cada obra desde su ejecución hasta su "
    "entrega-recepción.",
    "En el ejercicio se lograron concertar 612 obras con una inversión de "
    "$144.6 mdp del Programa Transforma Sonora en Apoyo a los Municipios, para "
    "cerrar carencias de infraestructura y servicios básicos de los municipios "
    "más rezagados.",
    "Con el programa Gestión Emergente se realizaron 44 obras, inversión estatal "
    "total de $144 mdp, en cumplimiento de compromisos del Gobernador del "
    "Estado.",
    "Además se entregaron 1,076 ayudas diversas en las 10 regiones del Estado, "
    "con una inversión estatal de $111.6 mdp, entre ellas más de 5.5 mdp para "
    "mujeres emprendedoras y jefas de familia y 4.9 mdp para rehabilitar y "
    "equipar los dormitorios del Internado Cruz Gálvez.",
    "Para 2025 se proyecta terminar la rehabilitación del Mercado Municipal de "
    "Hermosillo, que a la fecha lleva $59.9 mdp, para más de 500,000 "
    "sonorenses.",
)
