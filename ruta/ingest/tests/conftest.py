from testkit.cecop import (  # noqa: F401
    catalog,
    cecop_document,
    demonstration_file,
    imported_demonstration,
    imported_seed,
    seed_file,
    write_report,
)
