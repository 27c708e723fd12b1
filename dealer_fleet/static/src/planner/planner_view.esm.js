/** @odoo-module **/
/**
 * The dealer planner: OCA web_timeline (18.0) with the glue it lacks, only for views declared
 * with `<timeline js_class="dealer_planner">` (other timeline views stay untouched):
 * - reads only the visible window (date_start < window end and date_end > window start) through
 *   `dealer.booking.planner_read`, and reads again when the user scrolls or zooms;
 * - every fleet car is a row (`dealer.booking.planner_rows`), also without bookings in the window;
 * - a drag or resize calls `dealer.booking.action_planner_move` (the booking rules apply on the
 *   server); a refused move goes back where it was, the board reloads and the error is shown;
 * - dragging across rows only while the board is grouped by vehicle.
 */
import {TimelineController} from "@web_timeline/views/timeline/timeline_controller.esm";
import {TimelineModel} from "@web_timeline/views/timeline/timeline_model.esm";
import {TimelineRenderer} from "@web_timeline/views/timeline/timeline_renderer.esm";
import {TimelineView} from "@web_timeline/views/timeline/timeline_view.esm";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {serializeDateTime} from "@web/core/l10n/dates";
import {useService} from "@web/core/utils/hooks";

const {DateTime} = luxon;

export const PLANNER_GROUP_FIELD = "vehicle_id";

/**
 * The window a mode shows first, as the renderer computes it (TimelineRenderer._computeMode).
 * @param {String} mode
 * @returns {{start: DateTime, end: DateTime}}
 */
export function initialWindow(mode) {
    const now = DateTime.now();
    const unit = ["day", "week", "month"].includes(mode) ? mode : "week";
    return {start: now.startOf(unit), end: now.endOf(unit)};
}

export class DealerPlannerModel extends TimelineModel {
    setup(params) {
        super.setup(params);
        this.rows = [];
        this.window = initialWindow(params.mode);
        this.lastSearchParams = null;
    }

    get groupedByVehicle() {
        return this.last_group_bys[0] === PLANNER_GROUP_FIELD;
    }

    /**
     * Read the bookings of the visible window and the rows (every fleet car) in parallel.
     * @override
     */
    async load(searchParams) {
        this.lastSearchParams = searchParams;
        if (searchParams.groupBy && searchParams.groupBy.length) {
            this.last_group_bys = searchParams.groupBy;
        } else {
            this.last_group_bys = this.params.default_group_by.split(",");
        }
        // the item template shows number and customer: no display_name to compute for each booking
        const fields = [...new Set(this.params.fieldNames.concat(this.last_group_bys))].filter(
            (name) => name !== "display_name" || !this.recordTemplate
        );
        const domain = searchParams.domain || [];
        const context = searchParams.context || {};
        const [data, rows] = await this.keepLast.add(
            Promise.all([
                this.orm.call(
                    this.model_name,
                    "planner_read",
                    [
                        domain,
                        serializeDateTime(this.window.start),
                        serializeDateTime(this.window.end),
                        fields,
                    ],
                    {context}
                ),
                this.groupedByVehicle
                    ? this.orm.call(this.model_name, "planner_rows", [domain], {context})
                    : Promise.resolve([]),
            ])
        );
        this.data = data;
        this.rows = rows;
        this.notify();
    }

    /**
     * The user scrolled or zoomed: read the new window.
     * @param {Date} start
     * @param {Date} end
     * @returns {Promise<Boolean>} whether the window changed (and was read)
     */
    async setWindow(start, end) {
        const newStart = DateTime.fromJSDate(start);
        const newEnd = DateTime.fromJSDate(end);
        if (+newStart === +this.window.start && +newEnd === +this.window.end) {
            return false;
        }
        this.window = {start: newStart, end: newEnd};
        if (!this.lastSearchParams) {
            return false;
        }
        await this.load(this.lastSearchParams);
        return true;
    }

    /**
     * A drag or resize: the server applies the booking rules (never a plain write).
     * @override
     */
    async write_completed(id, vals) {
        const vehicleId = this.groupedByVehicle ? vals[PLANNER_GROUP_FIELD] || false : false;
        return this.orm.call(
            this.model_name,
            "action_planner_move",
            [[id], vals[this.date_start], vals[this.date_stop]],
            {vehicle_id: vehicleId}
        );
    }
}

export class DealerPlannerRenderer extends TimelineRenderer {
    init_timeline() {
        super.init_timeline();
        this.timeline.on("rangechanged", async ({start, end}) => {
            this._showBoard();
            if (await this.model.setWindow(start, end)) {
                await this.on_data_loaded(this.model.data);
            }
        });
        // Tours drive the board through the timeline's own handlers (onMove, onAdd): a drag in
        // vis-timeline needs hammer.js pointer sequences a headless browser does not replay reliably.
        this.rootRef.el.dealerPlanner = this;
    }

    /**
     * vis-timeline shows the board on the first redraw after its initial window is set; with
     * the window ours from the start (never a fit) nothing asks for that redraw.
     */
    _showBoard() {
        const timeline = this.timeline;
        if (timeline && !timeline.initialDrawDone && timeline.initialRangeChangeDone) {
            timeline.redraw();
        }
    }

    /**
     * Never fit the window to the bookings: the window decides which bookings are read.
     * @override
     */
    async on_data_loaded(records) {
        await super.on_data_loaded(records, false);
        if (this.options.editable && this.timeline) {
            this.timeline.setOptions({
                editable: {updateGroup: Boolean(this.model.canEdit && this.model.groupedByVehicle)},
            });
        }
        this._showBoard();
    }

    /**
     * Every fleet car is a row while grouped by vehicle.
     * @override
     */
    async split_groups(records) {
        if (this.model.groupedByVehicle) {
            return this.model.rows.map((row) => ({
                id: row.id,
                content: row.content,
                title: row.title,
                order: row.order,
            }));
        }
        return super.split_groups(records);
    }
}

export class DealerPlannerController extends TimelineController {
    setup() {
        super.setup();
        this.notification = useService("notification");
    }

    /**
     * Ignore a drop onto another row unless grouped by vehicle.
     * @override
     */
    _onMove(item, callback) {
        if (!this.model.groupedByVehicle) {
            const original = this.model.data.find((record) => record.id === item.id);
            const group = original && original[this.model.last_group_bys[0]];
            item.group = Array.isArray(group) ? group[0] : group || -1;
        }
        return super._onMove(item, callback);
    }

    /**
     * A refused move goes back where it was, the board reloads, the error is shown.
     * @override
     */
    async internalMove() {
        const queue = this.moveQueue.slice();
        this.moveQueue = [];
        for (const move of queue) {
            try {
                await this.model.write_completed(move.id, move.data);
                move.callback(move.item);
            } catch (error) {
                move.callback(null);
                const message = error.data?.message || error.message;
                if (!error.data) {
                    throw error;
                }
                this.notification.add(message, {
                    title: _t("The booking was not moved"),
                    type: "danger",
                    sticky: false,
                });
            }
        }
        await this.model.load(this.getSearchProps());
        this.render();
    }

    /**
     * A double-click on a free slot books that car from then for one hour.
     * @override
     */
    _onAdd(item, callback) {
        if (item.start && !item.end) {
            item.end = DateTime.fromJSDate(item.start).plus({hours: 1}).toJSDate();
        }
        return super._onAdd(item, async (record) => {
            callback(record);
            if (record) {
                await this.model.load(this.getSearchProps());
                this.render();
            }
        });
    }
}

export const DealerPlannerView = {
    ...TimelineView,
    Model: DealerPlannerModel,
    Renderer: DealerPlannerRenderer,
    Controller: DealerPlannerController,
};

registry.category("views").add("dealer_planner", DealerPlannerView);
