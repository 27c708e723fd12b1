/** @odoo-module **/
/**
 * The planner in Chromium: move a booking to another day, drop one onto a car that is out
 * (refused: error shown, booking back in place), book a free slot.
 *
 * A real drag in vis-timeline is a hammer.js pointer sequence (press, pan, release) that a
 * headless browser does not replay reliably; the tour calls the timeline's own handlers instead
 * (options.onMove / options.onAdd, exactly what vis-timeline calls at the end of a drag or on a
 * double-click), so everything after the drop is the real code path: our controller, the RPC
 * action_planner_move, the revert and the reload.
 */
import {registry} from "@web/core/registry";

const {DateTime} = luxon;

function planner() {
    return document.querySelector(".oe_timeline_view.o_dealer_planner").dealerPlanner;
}

function record(name) {
    return planner().model.data.find((rec) => rec.name === name);
}

function rowOf(plate) {
    const row = planner().model.rows.find((r) => r.content.includes(plate));
    if (!row) {
        throw new Error(`no planner row for ${plate}`);
    }
    return row.id;
}

async function waitFor(check, what) {
    for (let i = 0; i < 100; i++) {
        if (check()) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`planner tour: timed out waiting for ${what}`);
}

function drop(name, shift, plate) {
    const board = planner();
    const rec = record(name);
    const item = board.timeline.itemsData.get(rec.id);
    const moved = {
        ...item,
        start: DateTime.fromJSDate(item.start).plus(shift).toJSDate(),
        end: DateTime.fromJSDate(item.end).plus(shift).toJSDate(),
        group: plate ? rowOf(plate) : item.group,
    };
    // what vis-timeline does at the end of a drag: onMove(item, callback)
    board.options.onMove(moved, (result) => {
        if (result) {
            board.timeline.itemsData.update(result);
        }
    });
}

registry.category("web_tour.tours").add("dealer_fleet_planner_tour", {
    url: "/odoo/action-dealer_fleet.action_dealer_booking_planner_test_drive",
    steps: () => [
        {
            content: "Filter the make in the search panel: only its cars are rows",
            trigger: ".o_search_panel_filter_value:contains('Tourmarke') input",
            run: "click",
        },
        {
            content: "The planner shows the week with every fleet car, also the free one",
            trigger: ".o_dealer_planner .vis-item:contains('TOUR-MOVE')",
            run: async () => {
                await waitFor(() => planner().model.rows.length === 4, "the rows of the make");
                if (!document.querySelector(".o_dealer_planner .vis-label").textContent) {
                    throw new Error("rows without labels");
                }
                rowOf("PL-C 3");
            },
        },
        {
            content: "Drag TOUR-MOVE one day later",
            trigger: ".o_dealer_planner .vis-item:contains('TOUR-MOVE')",
            run: async () => {
                const before = record("TOUR-MOVE").date_start;
                drop("TOUR-MOVE", {days: 1});
                await waitFor(
                    () => record("TOUR-MOVE") && record("TOUR-MOVE").date_start !== before,
                    "the moved booking read back from the server"
                );
            },
        },
        {
            content: "Drop TOUR-OUT onto the car that is out",
            trigger: ".o_dealer_planner .vis-item:contains('TOUR-OUT')",
            run: () => drop("TOUR-OUT", {hours: 0}, "PL-B 2"),
        },
        {
            content: "The server refuses: the error is shown",
            trigger: ".o_notification:contains('is out on')",
        },
        {
            content: "TOUR-OUT is back on its own car",
            trigger: ".o_dealer_planner .vis-item:contains('TOUR-OUT')",
            run: async () => {
                const ownCar = rowOf("PL-C 3");
                await waitFor(() => record("TOUR-OUT").vehicle_id[0] === ownCar, "the reload");
                const item = planner().timeline.itemsData.get(record("TOUR-OUT").id);
                if (item.group !== ownCar) {
                    throw new Error("the refused booking stayed where it was dropped");
                }
            },
        },
        {
            content: "Double-click a free slot of the free car (the timeline's onAdd)",
            trigger: ".o_dealer_planner .vis-item:contains('TOUR-OUT')",
            run: () => {
                const board = planner();
                const start = board.model.window.start.plus({days: 2, hours: 14}).toJSDate();
                board.options.onAdd({start, group: rowOf("PL-D 4"), content: "new item"}, (item) => {
                    if (item) {
                        board.timeline.itemsData.add(item);
                    }
                });
            },
        },
        {
            content: "The new booking has the car",
            trigger: ".modal .o_form_view .o_field_widget[name=vehicle_id] input",
            run() {
                if (!this.anchor.value.includes("PL-D 4")) {
                    throw new Error(`the new booking's car is ${this.anchor.value}`);
                }
            },
        },
        {
            content: "Pick the customer",
            trigger: ".modal .o_field_widget[name=partner_id] input",
            run: "edit Neukunde",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Neukunde Tour')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The new booking is on the board",
            trigger: ".o_dealer_planner .vis-item:contains('Neukunde Tour')",
        },
        {
            content: "Zoom out to the month: the wider window is read",
            trigger: ".o_dealer_planner .oe_timeline_button_scale_month",
            run: "click",
        },
        {
            content: "The month's window is loaded, the week's bookings are still there",
            trigger: ".o_dealer_planner .vis-item:contains('TOUR-MOVE')",
            run: async () => {
                await waitFor(
                    () => planner().model.window.end.diff(planner().model.window.start, "days").days > 20,
                    "the month window"
                );
                await waitFor(() => record("TOUR-MOVE") && record("TOUR-OUT"), "the month's bookings");
            },
        },
    ],
});
