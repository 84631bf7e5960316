from testkit.cecop import (  # noqa: F401
    catalog,
    imported_seed,
    seed_file,
    write_report,
)
