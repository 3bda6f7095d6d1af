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

    _value: $ => choice($.object, $.array, $._string, $.number, $.true, $.false, $.null),

    object: $ => seq('{', optional(seq(commaSep1($._pair), optional(','))), '}'),

    // Hidden: an object's children are its keys and values in turn, told
    // apart by field. A visible pair node cost the converter a descent and a
    // climb per member, for nothing it did not already know.
    _pair: $ => seq(field('key', $._string), ':', field('value', $._value)),

    array: $ => seq('[', optional(seq(commaSep1($._value), optional(','))), ']'),

    // A well-formed string is one token: strings are most of a template, the
    // converter reads them from the text, and a token for each quote and part
    // cost a fifth of the parse. The lexer takes the longest match, so any
    // other string is read part by part, and a bad escape or a missing quote
    // is reported where it is. Both are `string` nodes.
    _string: $ => choice(alias($._well_formed_string, $.string), $.string),

    _well_formed_string: _ => token(seq('"', repeat(choice(/[^"\\]+/, /\\(["\\\/bfnrt]|u[0-9a-fA-F]{4})/)), '"')),

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
