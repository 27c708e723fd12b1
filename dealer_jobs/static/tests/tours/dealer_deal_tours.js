/** @odoo-module */

import { registry } from "@web/core/registry";

// Car deals clicked to their end in German: the salesperson's part, then the back office's
// (a user with Inventory and Invoicing rights). Each tour starts on the job's form.

const inPhase = (phase) => ({
    content: `The job is in the phase ${phase}`,
    trigger: `body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains("${phase}")`,
});

// Move on; a phase that opens a dialog (call, mail) shows on the form once the dialog closes.
const nextPhase = (phase, dialog = false) => [
    {
        content: `Next phase: ${phase}`,
        trigger: '.o_form_view .o_form_statusbar button[name="action_next_phase"]',
        run: "click",
    },
    ...(dialog ? [{ trigger: ".modal" }] : [inPhase(phase)]),
];

const sendMail = [
    {
        content: "The mail to the customer opens with the document: send it",
        trigger: ".modal .o_mail_send",
        run: "click",
    },
    {
        content: "The mail is sent",
        trigger: "body:not(:has(.modal))",
    },
];

const status = (label) => ({
    content: `The status reads ${label}`,
    trigger: `.o_form_view .o_field_widget[name="status"]:contains("${label}")`,
});

registry.category("web_tour.tours").add("dealer_sale_deal_salesperson", {
    steps: () => [
        ...nextPhase("Rückruf", true),
        {
            trigger: '.modal .o_field_widget[name="outcome"] input[data-value="no_answer"]',
            run: "click",
        },
        {
            trigger: '.modal button[name="action_log"]',
            run: "click",
        },
        inPhase("Rückruf"),
        status("Rückruf erbeten"),
        ...nextPhase("Angebot", true),
        ...sendMail,
        inPhase("Angebot"),
        status("Angeboten"),
        ...nextPhase("Auftrag"),
        status("Bestellt"),
        {
            content: "The car waits for its delivery",
            trigger: '.oe_stat_button[name="action_view_deliveries"]',
        },
        {
            content: "Delivery: the salesperson hands over to the warehouse",
            trigger: '.o_form_view .o_form_statusbar button[name="action_next_phase"]',
            run: "click",
        },
        {
            content: "The warehouse validates the delivery",
            trigger: '.o_notification:contains("OUT/")',
        },
    ],
});

registry.category("web_tour.tours").add("dealer_sale_deal_back_office", {
    steps: () => [
        {
            content: "Deliver the car",
            trigger: '.o_form_view .o_form_statusbar button[name="action_view_deliveries"]',
            run: "click",
        },
        {
            content: "The car's serial number is reserved: validate",
            trigger: '.o_form_view button[name="button_validate"]',
            run: "click",
        },
        {
            content: "The delivery is done",
            trigger: '.o_statusbar_status .o_arrow_button_current[data-value="done"]',
        },
        {
            content: "Back to the job",
            trigger: ".o_breadcrumb .breadcrumb-item:last-child a",
            run: "click",
        },
        ...nextPhase("Rechnung"),
        {
            content: "Post the invoice",
            trigger: '.o_form_view button[name="action_post_documents"]',
            run: "click",
        },
        {
            content: "Odoo's Send & Print opens: close it",
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_trade_in_deal_salesperson", {
    steps: () => [
        ...nextPhase("Rückruf", true),
        {
            trigger: '.modal button[name="action_log"]',
            run: "click",
        },
        inPhase("Rückruf"),
        ...nextPhase("Ankaufsangebot", true),
        ...sendMail,
        inPhase("Ankaufsangebot"),
        ...nextPhase("Kaufvertrag", true),
        ...sendMail,
        inPhase("Kaufvertrag"),
        {
            content: "The car is bought",
            trigger: '.oe_stat_button[name="action_view_purchase_orders"]',
        },
        ...nextPhase("Gutschrift", true),
        ...sendMail,
        inPhase("Gutschrift"),
        {
            content: "The credit note waits for the accounting",
            trigger: ".o_form_view .alert-warning",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_trade_in_deal_back_office", {
    steps: () => [
        {
            content: "Post the credit note",
            trigger: '.o_form_view button[name="action_post_documents"]',
            run: "click",
        },
        status("Verkauft"),
        {
            content: "Open the purchase of the car",
            trigger: '.oe_stat_button[name="action_view_purchase_orders"]',
            run: "click",
        },
        {
            content: "Open its receipt",
            trigger: '.oe_stat_button[name="action_view_picking"]',
            run: "click",
        },
        {
            content: "The VIN is the serial number already: validate",
            trigger: '.o_form_view button[name="button_validate"]',
            run: "click",
        },
        {
            content: "The car is in stock",
            trigger: '.o_statusbar_status .o_arrow_button_current[data-value="done"]',
        },
    ],
});
