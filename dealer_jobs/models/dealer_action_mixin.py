import psycopg2

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# the context value of ``_dealer_write``: an object no XML-RPC client can send
_ACTION_WRITE = object()


class DealerActionMixin(models.AbstractModel):
    """State changes only through the ``action_*`` methods, each behind a row lock.

    ``_dealer_action_fields`` names the fields only the model's actions write (state, approval,
    handover data, links to the documents an action made). This mixin is their one guard: ``create``
    refuses a record born past its first state, whatever sets the field (a value, a ``default_<field>``
    key in the context, a user default of ``ir.default``), and ``write`` refuses them unless the write
    comes from ``_dealer_write`` (an action). No RPC client can pass: the action's marker is a Python
    object, not a value a context can carry.

    ``_dealer_lock()`` takes ``SELECT … FOR UPDATE NOWAIT`` on the records: a double click or a
    colleague acting on the same record at the same second gets a clear error instead of a
    second document. Call it first, then check the state on fresh values.
    """

    _name = "dealer.action.mixin"
    _description = "Dealer: locked state changes"
    _dealer_action_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        if self._dealer_action_fields and not self._dealer_in_action():
            self._dealer_check_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if self._dealer_writes_action_fields(vals):
            self._dealer_refuse(set(vals))
        return super().write(vals)

    def _dealer_lock(self):
        if not self.ids:
            return
        self.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    )
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                _(
                    "Someone else is working on %(record)s right now: try again in a moment.",
                    record=", ".join(self.mapped("display_name")),
                )
            ) from None
        # the other request may have changed the records before it let go of them
        self.invalidate_recordset()

    def _dealer_as_action(self):
        """The records in an environment where the action-only fields may be written."""
        return self.with_context(dealer_action_write=_ACTION_WRITE)

    def _dealer_write(self, vals):
        """Write the fields only the actions may write."""
        return self._dealer_as_action().write(vals)

    def _dealer_in_action(self):
        """Whether this write comes from ``_dealer_write`` (an action), not from a user."""
        return self.env.context.get("dealer_action_write") is _ACTION_WRITE

    def _dealer_writes_action_fields(self, field_names):
        """Whether a user (not an action) writes action-only fields: the model then refuses."""
        return bool(self._dealer_action_fields & set(field_names)) and not self._dealer_in_action()

    def _dealer_first_value(self, name):
        """The value an action-only field has on a new record: its own default, never the context's."""
        field = self._fields[name]
        if field.compute or not field.default:
            return False
        return field.default(self.with_context(self._dealer_clean_context()))

    def _dealer_clean_context(self):
        prefixes = {f"default_{name}" for name in self._dealer_action_fields}
        return {key: value for key, value in self.env.context.items() if key not in prefixes}

    def _dealer_check_create(self, vals_list):
        """Refuse values of action-only fields other than their first value, whatever their source."""
        names = sorted(self._dealer_action_fields & set(self._fields))
        # what Odoo's create would fill in: the context's ``default_<field>`` and the user's ir.default
        defaults = self.default_get(names)
        refused = set()
        for vals in vals_list:
            for name in names:
                value = vals[name] if name in vals else defaults.get(name)
                if not self._dealer_same_value(name, value, self._dealer_first_value(name)):
                    refused.add(name)
        if refused:
            self._dealer_refuse(refused)

    def _dealer_same_value(self, name, value, first):
        if not value and not first:
            return True
        field = self._fields[name]
        return field.convert_to_cache(value, self, validate=False) == field.convert_to_cache(
            first, self, validate=False
        )

    def _dealer_refuse(self, field_names):
        labels = ", ".join(
            sorted(
                self._fields[name].get_description(self.env)["string"]
                for name in field_names & self._dealer_action_fields
            )
        )
        raise UserError(
            _(
                "%(model)s: %(fields)s change through its buttons, never directly.",
                model=self.env["ir.model"]._get(self._name).name,  # sudo (by _get): the model's translated name only
                fields=labels,
            )
        )
