from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal


class DealerOrderPortal(CustomerPortal):
    @http.route()
    def portal_order_page(self, order_id, report_type=None, access_token=None, message=False, download=False, **kw):
        """A link with a wrong token is refused (403); without a token Odoo sends to the login."""
        if access_token:
            try:
                self._document_check_access("sale.order", order_id, access_token=access_token)
            except (AccessError, MissingError):
                raise Forbidden() from None
        return super().portal_order_page(
            order_id, report_type=report_type, access_token=access_token, message=message, download=download, **kw
        )

    @http.route("/my/orders/<int:order_id>/dealer_document/<int:attachment_id>", type="http", auth="public")
    def portal_dealer_order_document(self, order_id, attachment_id, access_token=None, download=False, **kw):
        """A document of the order (earlier version, pro-forma, delivery slip), reached with the
        order's own link: the attachments themselves stay private."""
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            raise Forbidden() from None
        attachment_sudo = order_sudo._dealer_portal_attachments().filtered(lambda att: att.id == attachment_id)
        if not attachment_sudo:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(attachment_sudo)
        return stream.get_response(as_attachment=bool(download))
