import psycopg2

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# the context value of ``_dealer_write``: an object no XML-RPC client can send
_ACTION_WRITE = object()


class DealerActionMixin(models.AbstractModel):
    """Row lock in front of the ``action_*`` methods that create documents or accounting.

    ``_dealer_lock()`` takes ``SELECT … FOR UPDATE NOWAIT`` on the records: a double click or a
    colleague acting on the same record at the same second gets a clear error instead of a
    second document. Call it first, then check the state on fresh values.
    """

    _name = "dealer.action.mixin"
    _description = "Dealer: locked state changes"

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

    def _dealer_creates_action_fields(self, vals_list):
        """Whether a user creates a record past its first state (action-only fields set otherwise)."""
        if self._dealer_in_action():
            return False
        defaults = self.default_get(list(self._dealer_action_fields))
        return any(
            vals[name] and vals[name] != defaults.get(name)
            for vals in vals_list
            for name in self._dealer_action_fields & set(vals)
        )
