/**
 * ARM template JSON: strict JSON plus the `//` and `/* *\/` comments and the
 * trailing commas that Azure Resource Manager accepts in deployments.
 */
module.exports = grammar({
  name: 'armjson',

  extras: $ => [/\s/, $.comment],

  supertypes: $ => [$._value],

  rules: {
    document: $ => optional($._value),

    _value: $ => choice($.object, $.array, $.string, $.number, $.true, $.false, $.null),

    object: $ => seq('{', optional(seq(commaSep1($.pair), optional(','))), '}'),

    pair: $ => seq(field('key', $.string), ':', field('value', $._value)),

    array: $ => seq('[', optional(seq(commaSep1($._value), optional(','))), ']'),

    string: $ => seq('"', repeat(choice($.string_content, $.escape_sequence)), token.immediate('"')),

    // ARM's reader tolerates raw control characters inside strings.
    string_content: _ => token.immediate(prec(1, /[^"\\]+/)),

    escape_sequence: _ => token.immediate(/\\(["\\\/bfnrt]|u[0-9a-fA-F]{4})/),

    number: _ => token(seq(
      optional('-'),
      choice('0', /[1-9][0-9]*/),
      optional(/\.[0-9]+/),
      optional(/[eE][+-]?[0-9]+/),
    )),

    true: _ => 'true',
    false: _ => 'false',
    null: _ => 'null',

    comment: _ => token(choice(
      seq('//', /[^\r\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});

function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}
