"""The customer's link shows the newest version and every document of the order; a wrong token
gets nothing."""

from odoo.tests import HttpCase, tagged

from .order_common import OrderFlowCase


@tagged("post_install", "-at_install")
class TestOrderPortal(OrderFlowCase, HttpCase):
    def test_old_link_shows_the_new_version_and_lists_the_old_one(self):
        order = self.make_order((self.wheel, 1))
        order.action_quotation_sent()
        link = order.get_portal_url()
        order.action_dealer_reject(lost_reason_id=self.env["crm.lost.reason"].create({"name": "Price"}).id)
        order.action_dealer_new_version()
        order.order_line = [(0, 0, {"product_id": self.roof_box.id, "product_uom_qty": 1})]
        self.assertEqual(order.get_portal_url(), link, "the link the customer has")

        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Roof box", response.text, "the newest version")
        v1 = order.dealer_version_ids
        self.assertIn(f"{order.name}-V1", response.text, "the earlier version is listed")
        pdf_url = order.get_portal_url(suffix=f"/dealer_document/{v1.dealer_version_pdf_id.id}")
        self.assertIn(pdf_url.replace("&", "&amp;"), response.text)
        self.assertEqual(self.url_open(pdf_url).status_code, 200)

        # wrong token: the page and the documents answer 403
        wrong = self.url_open(f"/my/orders/{order.id}?access_token=not-the-token")
        self.assertEqual(wrong.status_code, 403)
        self.assertNotIn("Roof box", wrong.text)
        response = self.url_open(f"/my/orders/{order.id}/dealer_document/{v1.dealer_version_pdf_id.id}?access_token=x")
        self.assertEqual(response.status_code, 403)
        response = self.url_open(f"/my/orders/{order.id}/dealer_document/{v1.dealer_version_pdf_id.id}")
        self.assertEqual(response.status_code, 403)

    def test_only_the_orders_own_documents_are_served(self):
        order = self.make_order((self.wheel, 1))
        other = self.make_order((self.mat, 1))
        other.action_dealer_proforma()
        foreign = other.dealer_proforma_pdf_id
        url = order.get_portal_url(suffix=f"/dealer_document/{foreign.id}")
        self.assertEqual(self.url_open(url).status_code, 404, "another order's document is not behind this link")
        internal = self.env["ir.attachment"].create(
            {"name": "internal.txt", "raw": b"internal", "res_model": "sale.order", "res_id": order.id}
        )
        self.assertEqual(self.url_open(order.get_portal_url(suffix=f"/dealer_document/{internal.id}")).status_code, 404)

    def test_portal_shows_pro_forma_and_shipments_with_tracking_links(self):
        order = self.make_order((self.mat, 2))
        order.action_confirm()
        order.action_dealer_proforma()
        delivery = order.picking_ids
        delivery.dealer_tracking_ids = [
            (0, 0, {"carrier": "DHL", "number": "JJD000123", "url": "https://track.example.com/JJD000123"})
        ]
        delivery.button_validate()
        response = self.url_open(order.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("JJD000123", response.text)
        self.assertIn("https://track.example.com/JJD000123", response.text)
        for attachment in (order.dealer_proforma_pdf_id, delivery.dealer_delivery_slip_id):
            url = order.get_portal_url(suffix=f"/dealer_document/{attachment.id}")
            self.assertIn(url.replace("&", "&amp;"), response.text)
            self.assertEqual(self.url_open(url).status_code, 200)
