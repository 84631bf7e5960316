from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "ruta.common"
    label = "common"

    def ready(self) -> None:
        from django.apps import apps
        from django.core import checks
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate
        from django.utils.module_loading import autodiscover_modules

        from ruta.common.audit.kept import kept_guards_connect
        from ruta.common.checks import file_rules_followed
        from ruta.common.db.jsontext import json_read_as_text
        from ruta.common.db.migrationlocks import migration_lock_timeout_set
        from ruta.common.db.roles import after_migrate
        from ruta.common.web.converters import converters_register

        checks.register(file_rules_followed)
        converters_register()
        kept_guards_connect(apps.get_models())
        connection_created.connect(json_read_as_text, dispatch_uid="ruta-json")
        # After every app's own post-migrate work (pghistory reinstalls its
        # context function there): the signal goes to apps with models, in
        # order, so the last of them comes last.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(after_migrate, sender=last, dispatch_uid="ruta-roles")
        # Every migration waits for a lock at most RUTA_MIGRATION_LOCK_TIMEOUT.
        pre_migrate.connect(
            migration_lock_timeout_set, dispatch_uid="ruta-lock-timeout"
        )
        # Each app's ``registrations`` module adds what it declares to the
        # registries of the floors below (desk tasks, cycles, personal data).
        autodiscover_modules("registrations")
