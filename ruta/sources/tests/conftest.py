from testkit.cecop import (  # noqa: F401
    catalog,
    demonstration_file,
    imported_demonstration,
    write_report,
)
