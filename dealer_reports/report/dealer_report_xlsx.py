from odoo import _, fields, models


class DealerReportXlsx(models.AbstractModel):
    """An XLSX list of report rows: a title, the company, the print date, one header row, the rows
    with number formats and a totals row. The columns are ``_dealer_columns``: (field, total);
    a column the user may not read (costs) is left out, as in the views."""

    _name = "report.dealer_reports.xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Dealer Report XLSX"
    _dealer_columns = ()  # ((field name, summed in the totals row), ...)
    _dealer_title = ""

    def _dealer_sheet_title(self):
        return self._dealer_title

    def generate_xlsx_report(self, workbook, data, objs):
        title = self._dealer_sheet_title()
        sheet = workbook.add_worksheet(title[:31])
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "integer": workbook.add_format({"num_format": "#,##0"}),
            "float": workbook.add_format({"num_format": "#,##0.00"}),
            "total_label": workbook.add_format({"bold": True, "top": 2}),
            "total": workbook.add_format({"bold": True, "top": 2, "num_format": "#,##0.00"}),
        }
        company = objs.company_id[:1] or self.env.company
        styles["monetary"] = workbook.add_format({"num_format": self._report_xlsx_currency_format(company.currency_id)})
        styles["total_monetary"] = workbook.add_format(
            {"bold": True, "top": 2, "num_format": self._report_xlsx_currency_format(company.currency_id)}
        )
        columns = [
            (objs._fields[name], total)
            for name, total in self._dealer_columns
            if objs._fields[name].is_accessible(self.env)
        ]
        sheet.write(0, 0, title, styles["title"])
        sheet.write(1, 0, company.name)
        sheet.write(
            2, 0, _("Printed on %(date)s, %(count)s rows", date=fields.Date.context_today(self), count=len(objs))
        )
        header_row = 4
        for col, (field, _total) in enumerate(columns):
            sheet.write(header_row, col, field._description_string(self.env), styles["header"])
            sheet.set_column(col, col, 14 if field.type in ("monetary", "float", "integer", "date") else 22)
        sheet.freeze_panes(header_row + 1, 0)
        totals = [0.0] * len(columns)
        row_index = header_row
        for row_index, record in enumerate(objs, start=header_row + 1):
            for col, (field, total) in enumerate(columns):
                value = record[field.name]
                if total:
                    totals[col] += value or 0.0
                self._dealer_write_cell(sheet, row_index, col, field, record, value, styles)
        total_row = row_index + 1
        sheet.write(total_row, 0, _("Total"), styles["total_label"])
        for col, (field, total) in enumerate(columns):
            if total and col:
                style = styles["total_monetary"] if field.type == "monetary" else styles["total"]
                sheet.write_number(total_row, col, company.currency_id.round(totals[col]), style)
        if columns:
            sheet.autofilter(header_row, 0, max(total_row - 1, header_row), len(columns) - 1)

    def _dealer_write_cell(self, sheet, row, col, field, record, value, styles):
        if field.type == "many2one":
            sheet.write_string(row, col, value.display_name or "")
        elif field.type == "selection":
            selection = dict(field._description_selection(self.env))
            sheet.write_string(row, col, selection.get(value, "") if value else "")
        elif field.type == "date":
            if value:
                sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), styles["date"])
        elif field.type == "boolean":
            sheet.write_string(row, col, _("Yes") if value else _("No"))
        elif field.type == "monetary":
            sheet.write_number(row, col, value or 0.0, styles["monetary"])
        elif field.type == "integer":
            sheet.write_number(row, col, value or 0, styles["integer"])
        elif field.type == "float":
            sheet.write_number(row, col, value or 0.0, styles["float"])
        else:
            sheet.write_string(row, col, str(value or ""))
