from odoo import api, models


class FleetVehicleOdometer(models.Model):
    _inherit = "fleet.vehicle.odometer"

    @api.model_create_multi
    def create(self, vals_list):
        readings = super().create(vals_list)
        # fleet computes the car's odometer without dependencies: a reading added in the same
        # transaction (an appraisal bought, a car returned) must show on the car at once
        readings.vehicle_id.invalidate_recordset(["odometer"])
        return readings
