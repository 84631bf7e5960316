"""What red flags add to the registries below, read when the site starts.

Discovered by ``ruta.common.apps``: the flags' part of a work's page and of
a company's page (the works app shows them without importing flags), and
the check of the instance's flag settings, and the desk's task of replying
to the flags.
"""

from django.core import checks

from ruta.accounts.desk import desk_task_register
from ruta.flags.checks import flag_settings_valid
from ruta.flags.desk_tasks import DESK_TASKS
from ruta.flags.selectors import contractor_flags_section, work_flags_section
from ruta.works.sections import (
    ContractorSection,
    WorkSection,
    contractor_section_register,
    work_section_register,
)

work_section_register(
    WorkSection(
        key="flags",
        order=5,
        template="flags/_work_section.html",
        context=work_flags_section,
        lists=("flags",),
    )
)
contractor_section_register(
    ContractorSection(
        key="flags",
        order=5,
        template="flags/_contractor_section.html",
        context=contractor_flags_section,
    )
)
checks.register(flag_settings_valid)
for task in DESK_TASKS:
    desk_task_register(task)
