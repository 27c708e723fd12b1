from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MAX_PHOTOS = 6


class DealerAppraisalPhoto(models.Model):
    _name = "dealer.appraisal.photo"
    _description = "Appraisal Photo"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one("dealer.appraisal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    image = fields.Image(required=True, max_width=1920, max_height=1920)
    caption = fields.Char()

    @api.constrains("appraisal_id")
    def _check_photo_count(self):
        counts = self._read_group([("appraisal_id", "in", self.appraisal_id.ids)], ["appraisal_id"], ["__count"])
        for appraisal, count in counts:
            if count > MAX_PHOTOS:
                raise ValidationError(
                    _(
                        "An appraisal holds at most %(max)s photos: %(appraisal)s would have %(count)s. "
                        "Remove a photo before adding another.",
                        max=MAX_PHOTOS,
                        appraisal=appraisal.name,
                        count=count,
                    )
                )
