from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DealerOverdueMixin(models.AbstractModel):
    """``is_overdue``: the record is still in ``_dealer_overdue_state`` after its due date or time.

    Computed for display and searchable (a filter and a domain, never stored: it changes with the clock).
    """

    _name = "dealer.overdue.mixin"
    _description = "Dealer: overdue records"
    _dealer_overdue_state = None  # the state in which a record can be overdue
    _dealer_overdue_field = None  # its due date (Date) or time (Datetime)

    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")

    def _dealer_overdue_now(self):
        if self._fields[self._dealer_overdue_field].type == "date":
            return fields.Date.context_today(self)
        return fields.Datetime.now()

    @api.depends(lambda self: ["state", self._dealer_overdue_field] if self._dealer_overdue_field else [])
    def _compute_is_overdue(self):
        now = self._dealer_overdue_now()
        for record in self:
            due = record[self._dealer_overdue_field]
            record.is_overdue = record.state == self._dealer_overdue_state and bool(due) and due < now

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search overdue records with “is set” or “is not set”."))
        domain = [
            ("state", "=", self._dealer_overdue_state),
            (self._dealer_overdue_field, "<", self._dealer_overdue_now()),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]
