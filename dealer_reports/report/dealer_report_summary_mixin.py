from odoo import _, api, fields, models
from odoo.osv import expression
from odoo.tools import format_amount, format_date, format_datetime, formatLang


class DealerReportSummaryMixin(models.AbstractModel):
    """A printable summary (PDF) of a dealer report: rows grouped by one field, their count and the
    sums (or averages) of the report's measures, and the totals.

    A report model inherits it and declares what its summary prints; one ``ir.actions.report`` on
    the model with ``report_name`` ``dealer_reports.report_dealer_summary`` puts the summary in the
    list's print menu. The summary covers the records printed (those selected, or all of the
    search when the whole search is selected) and names the filters of the search.
    """

    _name = "dealer.report.summary.mixin"
    _description = "Printable Summary of a Dealer Report"

    # the field the summary's rows are grouped by
    _dealer_summary_groupby = None
    # the measures printed per group and in total, each aggregated by its field's ``aggregator``
    _dealer_summary_measures = ()
    # the date the covered period is read from
    _dealer_summary_date_field = "date"
    # where a record is not one of the things counted (e.g. a job's stay in a phase): the measure
    # counting them, printed as the number of records instead of the rows' count column
    _dealer_summary_count_field = None

    @api.model
    def _dealer_summary_field_string(self, name):
        return self._fields[name]._description_string(self.env)

    def _dealer_summary_label(self, name, value):
        """The printed label of a group's value of field ``name``."""
        field = self._fields[name]
        if field.type == "many2one":
            return value.sudo().display_name or _("None")  # sudo: names only, as the web client shows them
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value) or _("None")
        if field.type == "boolean":
            return _("Yes") if value else _("No")
        if field.type == "date":
            return format_date(self.env, value) if value else _("None")
        return str(value) if value not in (None, False) else _("None")

    def _dealer_summary_format(self, name, value):
        field = self._fields[name]
        currency = self.env.company.currency_id
        if field.type == "monetary":
            return format_amount(self.env, value or 0.0, currency)
        if field.type == "integer":
            return formatLang(self.env, value or 0, digits=0)
        digits = field.get_digits(self.env)
        return formatLang(self.env, value or 0.0, digits=digits[1] if digits else 2)

    def _dealer_summary_filters(self):
        """The filters of the printed search, as the user reads them (the search's domain, when
        the list passes it on): one line each, alternatives joined by "or"."""
        domain = expression.normalize_domain(self.env.context.get("active_domain") or [])
        if domain in ([], expression.TRUE_DOMAIN):
            return []
        tokens = iter(domain)

        def describe():
            token = next(tokens)
            if token == "&":
                return [*describe(), *describe()]
            if token == "|":
                return [_("%(first)s or %(second)s", first="; ".join(describe()), second="; ".join(describe()))]
            if token == "!":
                return [_("not %(condition)s", condition="; ".join(describe()))]
            return [self._dealer_summary_leaf(token)]

        return [line for line in describe() if line]

    def _dealer_summary_leaf(self, leaf):
        if leaf in (expression.TRUE_LEAF, expression.FALSE_LEAF) or not expression.is_leaf(leaf):
            return ""
        path, operator, value = leaf
        name = path.split(".")[0]
        if name not in self._fields:
            return f"{path} {operator} {value}"
        field = self._fields[name]
        if field.type == "many2one" and value and isinstance(value, int | list | tuple):
            ids = [value] if isinstance(value, int) else [v for v in value if isinstance(v, int)]
            if ids:
                Comodel = self.env[field.comodel_name].sudo()  # sudo: names only, as the web client shows them
                value = ", ".join(Comodel.browse(ids).exists().mapped("display_name"))
        elif field.type in ("date", "datetime") and isinstance(value, str) and value:
            # the search's dates as the user reads them, not ISO
            value = (
                format_date(self.env, value)
                if field.type == "date"
                else format_datetime(self.env, fields.Datetime.to_datetime(value))
            )
        elif field.type == "selection" and isinstance(value, str):
            value = self._dealer_summary_label(name, value)
        elif field.type == "selection" and isinstance(value, list | tuple):
            value = ", ".join(self._dealer_summary_label(name, v) for v in value)
        return f"{self._dealer_summary_field_string(name)} {operator} {value}"

    def _dealer_summary(self):
        """What the summary prints for these records."""
        groupby = self._dealer_summary_groupby
        # measures the user may not read (car costs and margins) are left out, not refused
        measures = [name for name in self._dealer_summary_measures if self._fields[name].is_accessible(self.env)]
        aggregates = ["__count", *(f"{name}:{self._fields[name].aggregator or 'sum'}" for name in measures)]
        domain = [("id", "in", self.ids)]
        groups = self._read_group(domain, [groupby], aggregates, order=groupby)
        field = self._fields[groupby]
        if field.type == "selection":  # in the order of the selection, as the pivot shows them
            keys = [key for key, _label in field._description_selection(self.env)]
            groups.sort(key=lambda group: keys.index(group[0]) if group[0] in keys else len(keys))
        rows = []
        for group, count, *values in groups:
            rows.append(
                {
                    "label": self._dealer_summary_label(groupby, group),
                    "count": count,
                    "values": [
                        self._dealer_summary_format(name, value) for name, value in zip(measures, values, strict=True)
                    ],
                }
            )
        count, *values = self._read_group(domain, [], aggregates)[0]
        count_field = self._dealer_summary_count_field
        if count_field:
            count = self._read_group(domain, [], [f"{count_field}:sum"])[0][0]
        date_field = self._dealer_summary_date_field
        dates = [date for date in self.mapped(date_field) if date]
        if dates and isinstance(self._fields[date_field], fields.Datetime):
            dates = [fields.Datetime.context_timestamp(self, date).date() for date in dates]
        return {
            "title": self.env["ir.model"]._get(self._name).name,  # in the reader's language
            "show_count": not count_field,
            "group_label": self._dealer_summary_field_string(groupby),
            "columns": [self._dealer_summary_field_string(name) for name in measures],
            "rows": rows,
            "total": {
                "count": count,
                "values": [
                    self._dealer_summary_format(name, value) for name, value in zip(measures, values, strict=True)
                ],
            },
            "filters": self._dealer_summary_filters(),
            "date_label": self._dealer_summary_field_string(date_field),
            "date_from": format_date(self.env, min(dates)) if dates else "",
            "date_to": format_date(self.env, max(dates)) if dates else "",
        }
