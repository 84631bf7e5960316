"""Reads on works, split by use and re-exported here."""

from ruta.works.selectors.tables import (
    WorksAggregateRow,
    works_by_region,
    works_by_subprogram,
)
from ruta.works.selectors.works import (
    FilterOptions,
    WorkDetail,
    WorkFilters,
    WorkListPage,
    empty_work_list_page,
    work_detail,
    work_filter_options,
    work_known_without,
    work_list,
    work_list_page,
    works_with_unbalanced_funding,
)

__all__ = [
    "FilterOptions",
    "WorkDetail",
    "WorkFilters",
    "WorkListPage",
    "WorksAggregateRow",
    "empty_work_list_page",
    "work_detail",
    "work_filter_options",
    "work_known_without",
    "work_list",
    "work_list_page",
    "works_by_region",
    "works_by_subprogram",
    "works_with_unbalanced_funding",
]
