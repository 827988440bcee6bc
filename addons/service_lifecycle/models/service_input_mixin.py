# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import binascii
import datetime
import math
from base64 import b64decode

from odoo import api, models
from odoo.exceptions import ValidationError

# PostgreSQL's integer column; ids are positive integers of the same range.
INT_MAX = 2**31 - 1
# An indexed character column must fit in one B-tree page (2704 bytes): 600
# characters of up to four bytes each leave room to spare.
CHAR_MAX = 600
X2MANY_COMMANDS = range(7)
# Dates far in the past or the future are typing errors, and break time-zone
# and working-time arithmetic near the ends of Python's calendar.
YEAR_MIN, YEAR_MAX = 1900, 2999


class ServiceInputMixin(models.AbstractModel):
    """Checks the values sent to ``create``/``write`` before the ORM converts
    them, so that a wrong type, a malformed date or an out-of-range number
    sent through the external API is refused with a message that says which
    field to fix, instead of failing inside the ORM or the database. Pure
    Python: it reads no record and adds no query."""

    _name = "service.input.mixin"
    _description = "Checks of Incoming Values"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input_values(vals)
        return super().write(vals)

    @api.model
    def _check_input_values(self, vals):
        if not isinstance(vals, dict):
            raise ValidationError(
                self.env._("The values to save must be a dictionary of fields.")
            )
        for name, value in vals.items():
            field = self._fields.get(name) if isinstance(name, str) else None
            if field is None:
                raise ValidationError(
                    self.env._(
                        "%(model)s has no field %(field)r.",
                        model=self._description,
                        field=str(name)[:80],
                    )
                )
            if value is None or value is False:
                continue
            if not self._input_value_ok(field, value):
                raise ValidationError(
                    self.env._(
                        "The value given for %(field)s (%(model)s) is not valid: "
                        "%(value)s. Enter %(expected)s.",
                        field=field._description_string(self.env),
                        model=self._description,
                        value=repr(value)[:80],
                        expected=self._input_expected(field),
                    )
                )

    def _input_value_ok(self, field, value):
        kind = field.type
        if kind in ("char", "text", "html"):
            return isinstance(value, str) and (kind != "char" or len(value) <= CHAR_MAX)
        if kind in ("integer", "many2one_reference"):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return (
                isinstance(value, int)
                and not isinstance(value, bool)
                and -INT_MAX - 1 <= value <= INT_MAX
            )
        if kind in ("float", "monetary"):
            return (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and abs(value) < 1e15
            )
        if kind == "boolean":
            return isinstance(value, bool | int)
        if kind in ("date", "datetime"):
            return self._input_date_ok(field, value)
        if kind == "selection":
            return self._input_selection_ok(field, value)
        if kind == "many2one":
            return isinstance(value, models.BaseModel) or self._input_id_ok(value)
        if kind in ("one2many", "many2many"):
            return self._input_commands_ok(value)
        if kind == "binary":
            return self._input_binary_ok(value)
        return True

    def _input_id_ok(self, value):
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and (0 < value <= INT_MAX)
        )

    def _input_date_ok(self, field, value):
        if isinstance(value, str):
            try:
                if field.type == "date":
                    value = field.to_date(value)
                else:
                    value = field.to_datetime(value)
            except ValueError:
                return False
        if not isinstance(value, datetime.date):
            return False
        return YEAR_MIN <= value.year <= YEAR_MAX

    def _input_selection_ok(self, field, value):
        if not isinstance(value, str):
            return False
        if callable(field.selection) or isinstance(field.selection, str):
            # computed selections are checked by the ORM
            return True
        return value in dict(field.selection)

    def _input_commands_ok(self, value):
        if isinstance(value, models.BaseModel):
            return True
        if not isinstance(value, list | tuple):
            return False
        for command in value:
            if self._input_id_ok(command):
                continue
            if not isinstance(command, list | tuple) or not command:
                return False
            if command[0] not in X2MANY_COMMANDS or isinstance(command[0], bool):
                return False
            # create commands may carry the web client's virtual id
            if command[0] in (1, 2, 3, 4) and not self._input_id_ok(
                command[1] if len(command) > 1 else None
            ):
                return False
            if (
                len(command) > 2
                and command[2]
                and not isinstance(command[2], dict | list | tuple)
            ):
                return False
        return True

    def _input_binary_ok(self, value):
        if isinstance(value, bytes):
            value = value.decode("ascii", "replace")
        if not isinstance(value, str):
            return False
        try:
            b64decode("".join(value.split()), validate=True)
        except (binascii.Error, ValueError):
            return False
        return True

    def _input_expected(self, field):
        expected = {
            "char": self.env._("a text of at most %s characters", CHAR_MAX),
            "text": self.env._("a text"),
            "html": self.env._("a text"),
            "integer": self.env._("a whole number"),
            "float": self.env._("a number"),
            "monetary": self.env._("an amount"),
            "boolean": self.env._("true or false"),
            "date": self.env._(
                "a date between %(first)s and %(last)s such as 2025-06-30",
                first=YEAR_MIN,
                last=YEAR_MAX,
            ),
            "datetime": self.env._(
                "a date and time between %(first)s and %(last)s such as "
                "2025-06-30 14:00:00",
                first=YEAR_MIN,
                last=YEAR_MAX,
            ),
            "selection": self.env._("one of the field's choices"),
            "many2one": self.env._("the id of an existing record"),
            "many2one_reference": self.env._("the id of an existing record"),
            "one2many": self.env._("a list of record commands"),
            "many2many": self.env._("a list of record commands"),
            "binary": self.env._("a base64-encoded file"),
        }
        return expected.get(field.type, self.env._("a value of the right type"))
