/* Compact validator for the JSON Schema subset exported by core/schema/ (json_schema()).
 *
 * Keywords: type, properties, required, additionalProperties (false), items, minItems, maxItems,
 * uniqueItems, minLength, maxLength, pattern, enum, const, minimum, maximum, format (date), oneOf,
 * not, allOf; and ours: x-notFuture, x-ordered, x-atLeastOne, x-together, x-errors (French message overrides), x-messages.
 * With {form: true}, messages are worded for the form, which shows a field's label and never its key:
 * a node's "x-errors-form", then x-messages.form, before the file-oriented x-errors and x-messages.
 * Semantics shared with the Python checks (core/schema/), beyond plain JSON Schema:
 * - strings are trimmed before their length is checked;
 * - a null value, or an empty list for an optional key, means "not given";
 * - one problem per value: the first failed keyword stops the checks of that value, and the
 *   cross-field rules of an object run only when all its fields are valid.
 * Errors: {path: ["etapes", 0, "titre"], key: "etapes[1].titre", keyword, message, field}.
 * No dependency, nothing loaded from outside. Tested against Python in tests/test_contribution_schema.py.
 */

function kindOf(value) {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "object";
}

function hasType(type, value) {
  const kind = kindOf(value);
  return kind === type || (type === "number" && kind === "integer");
}

function format(template, params) {
  return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
    return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
  });
}

export function displayKey(path) {
  let text = "";
  path.forEach(function (part) {
    if (typeof part === "number") text += "[" + (part + 1) + "]";
    else text += (text ? "." : "") + part;
  });
  return text;
}

export function isRealDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function todayIso() {
  const d = new Date();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

function given(value, required) {
  return !(value === null || value === undefined || (!required && Array.isArray(value) && value.length === 0));
}

export function validate(rootSchema, value, options) {
  const messages = rootSchema["x-messages"] || {};
  const kinds = messages.kinds || {};
  const types = messages.types || {};
  const today = (options && options.today) || todayIso();
  const forForm = !!(options && options.form);
  const formMessages = messages.form || {};
  let errors = [];

  function report(schema, keyword, path, params, field) {
    const own = schema && schema["x-errors"] && schema["x-errors"][keyword];
    const ownForm = forForm && schema && schema["x-errors-form"] && schema["x-errors-form"][keyword];
    const template = ownForm || (forForm && formMessages[keyword]) || own || messages[keyword] || keyword;
    errors.push({
      path: path, key: displayKey(path), keyword: keyword,
      message: format(template, params),
      field: field || path
    });
    return false;
  }

  function quiet(schema, instance, path) {
    const saved = errors;
    errors = [];
    const ok = check(schema, instance, path);
    errors = saved;
    return ok;
  }

  function check(schema, instance, path) {
    if (schema.type && !hasType(schema.type, instance)) {
      return report(schema, "type", path, {expected: types[schema.type] || schema.type,
                                           actual: kinds[kindOf(instance)] || kindOf(instance), value: instance});
    }
    if (typeof instance === "string") {
      const text = instance.trim();
      const count = Array.from(text).length;
      if (schema.minLength !== undefined && count < schema.minLength) {
        return report(schema, "minLength", path, {count: count, limit: schema.minLength, s: count > 1 ? "s" : ""});
      }
      if (schema.maxLength !== undefined && count > schema.maxLength) {
        return report(schema, "maxLength", path, {count: count, limit: schema.maxLength, s: "s"});
      }
      instance = text;
    }
    if (schema.enum && schema.enum.indexOf(instance) < 0) {
      return report(schema, "enum", path, {value: instance, allowed: schema.enum.join(", ")});
    }
    if (Object.hasOwn(schema, "const") && instance !== schema.const) {
      return report(schema, "const", path, {value: instance});
    }
    if (typeof instance === "string") {
      if (schema.pattern && !new RegExp(schema.pattern).test(instance)) {
        return report(schema, "pattern", path, {value: instance});
      }
      if (schema.format === "date" && !isRealDate(instance)) {
        return report(schema, "format", path, {value: instance});
      }
      if (schema["x-notFuture"] && instance > today) {
        return report(schema, "x-notFuture", path, {value: instance});
      }
    }
    if (typeof instance === "number") {
      if (schema.minimum !== undefined && instance < schema.minimum) {
        return report(schema, "minimum", path, {limit: schema.minimum, value: instance});
      }
      if (schema.maximum !== undefined && instance > schema.maximum) {
        return report(schema, "maximum", path, {limit: schema.maximum, value: instance});
      }
    }
    if (Array.isArray(instance)) return checkArray(schema, instance, path);
    if (kindOf(instance) === "object") return checkObject(schema, instance, path);
    return true;
  }

  function checkArray(schema, items, path) {
    if (schema.minItems !== undefined && items.length < schema.minItems) {
      return report(schema, "minItems", path, {limit: schema.minItems, count: items.length, s: schema.minItems > 1 ? "s" : ""});
    }
    if (schema.maxItems !== undefined && items.length > schema.maxItems) {
      return report(schema, "maxItems", path, {limit: schema.maxItems, count: items.length});
    }
    let ok = true;
    const seen = {};
    items.forEach(function (item, index) {
      const itemPath = path.concat([index]);
      if (schema.items && !check(schema.items, item, itemPath)) { ok = false; return; }
      if (schema.uniqueItems && typeof item === "string") {
        const key = "=" + item.trim();
        if (seen[key]) ok = report(schema, "uniqueItems", itemPath, {value: item.trim()});
        seen[key] = true;
      }
    });
    return ok;
  }

  function checkObject(schema, object, path) {
    const properties = schema.properties || {};
    const required = schema.required || [];
    let ok = true;
    if (schema.additionalProperties === false) {
      Object.keys(object).forEach(function (name) {
        if (!Object.hasOwn(properties, name)) {
          ok = report(schema, "additionalProperties", path.concat([name]),
                      {name: name, allowed: Object.keys(properties).join(", ")});
        }
      });
    }
    Object.keys(properties).forEach(function (name) {
      const isRequired = required.indexOf(name) >= 0;
      const raw = object[name];
      if (!given(raw, isRequired)) {
        if (isRequired && Object.hasOwn(object, name) && raw === null) {
          ok = report(schema, "requiredEmpty", path.concat([name]), {name: name});
        } else if (isRequired) {
          ok = report(schema, "required", path, {name: name}, path.concat([name]));
        }
        return;
      }
      if (!check(properties[name], raw, path.concat([name]))) ok = false;
    });
    // Subschemas without "type" (oneOf / not / allOf parts) only carry "required" lists.
    if (!schema.type && !schema.properties && schema.required) {
      return required.every(function (name) { return given(object[name], true); });
    }
    if (!ok) return false;
    if (schema.oneOf) {
      const matches = schema.oneOf.filter(function (part) { return quiet(part, object, path); }).length;
      if (matches !== 1) return report(schema, "oneOf", path, {});
    }
    if (schema.not && quiet(schema.not, object, path)) return report(schema, "not", path, {});
    if (schema.allOf) {
      schema.allOf.forEach(function (part) { if (!check(part, object, path)) ok = false; });
      if (!ok) return false;
    }
    const ordered = schema["x-ordered"];
    if (ordered && typeof object[ordered[0]] === "number" && typeof object[ordered[1]] === "number"
        && object[ordered[0]] > object[ordered[1]]) {
      return report(schema, "x-ordered", path.concat([ordered[1]]), {});
    }
    // Ours (core/schema/rules.py AtLeastOne): one of these keys given, an empty list counting as absent.
    const oneOf = schema["x-atLeastOne"];
    if (oneOf && !oneOf.some(function (name) { return given(object[name], false); })) {
      return report(schema, "x-atLeastOne", path.concat([oneOf[0]]), {});
    }
    // Two keys given both or neither (core/schema/rules.py Together): reported at the one given.
    const together = schema["x-together"];
    if (together && given(object[together[0]], false) !== given(object[together[1]], false)) {
      const alone = given(object[together[0]], false) ? together[0] : together[1];
      return report(schema, "x-together", path.concat([alone]), {});
    }
    return true;
  }

  check(rootSchema, value, []);
  return errors;
}
