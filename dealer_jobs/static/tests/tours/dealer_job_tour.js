/** @odoo-module */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A salesperson opens the Dealer app, creates a job, logs a call and finds it on the board.
registry.category("web_tour.tours").add("dealer_job_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Dealer app",
            trigger: '.o_app[data-menu-xmlid="dealer_jobs.menu_dealer_root"]',
            run: "click",
        },
        {
            content: "The jobs list is the app's first screen",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the car",
            trigger: '.o_field_widget[name="vehicle_id"] input',
            run: "edit Tourwagen",
        },
        {
            trigger: '.ui-menu-item a:contains("Tourwagen")',
            run: "click",
        },
        {
            content: "Choose the customer",
            trigger: '.o_field_widget[name="partner_id"] input',
            run: "edit Tour Kunde",
        },
        {
            trigger: '.ui-menu-item a:contains("Tour Kunde")',
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "The job got its number",
            trigger: '.o_field_widget[name="name"]:contains("JOB/")',
        },
        {
            content: "Move to the callback phase",
            trigger: 'button[name="action_next_phase"]',
            run: "click",
        },
        {
            content: "Nobody answers",
            trigger: '.modal .o_field_widget[name="outcome"] input[data-value="no_answer"]',
            run: "click",
        },
        {
            content: "Log the call",
            trigger: '.modal .o_field_widget[name="wishes"] textarea',
            run: "edit Wants a towbar",
        },
        {
            trigger: '.modal button[name="action_log"]',
            run: "click",
        },
        {
            content: "The status follows the phase",
            trigger: '.o_field_widget[name="status"]:contains("Callback Requested")',
        },
        {
            content: "The call is in the chatter",
            trigger: '.o-mail-Message:contains("Wants a towbar")',
        },
        {
            content: "Open the job board",
            trigger: '.o_main_navbar button:contains("Jobs"), .o_main_navbar a:contains("Jobs")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Job Board")',
            run: "click",
        },
        {
            content: "The job is in the Callback column",
            trigger: '.o_kanban_group:contains("Callback") .o_kanban_record:contains("Tour Kunde")',
        },
    ],
});
