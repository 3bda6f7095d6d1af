/**
 * Bicep and .bicepparam.
 *
 * Bicep separates statements, object properties and array items with
 * newlines, but lets expressions span lines inside parentheses. The external
 * scanner (src/scanner.c) emits a `_newline` token only where the parse state
 * accepts one, so a line break is a separator in those places and plain
 * whitespace everywhere else. It also lexes string contents, so that `//`
 * inside a string is never a comment, and multi-line strings.
 */

const PREC = {
  lambda: -1,
  ternary: 1,
  coalesce: 2,
  or: 3,
  and: 4,
  equality: 5,
  relational: 6,
  additive: 7,
  multiplicative: 8,
  unary: 9,
  member: 10,
};

module.exports = grammar({
  name: 'bicep',

  word: $ => $.identifier,

  externals: $ => [
    $._newline,
    $.string_content,
    $._multiline_content,
    $.multiline_string,
    $._multiline_interpolated_start,
    $._multiline_interpolation_start,
    $._multiline_end,
    $._error_sentinel,
  ],

  extras: $ => [/[ \t\f\r\n\uFEFF]/, $.comment, $.directive],

  supertypes: $ => [$._statement, $._expression, $._type],

  conflicts: $ => [
    [$._expression, $.lambda_parameters],
    [$._singular_type, $.type_index],
  ],

  rules: {
    program: $ => seq(
      optional($._newline),
      optional(seq(
        $._statement,
        repeat(seq($._newline, $._statement)),
        optional($._newline),
      )),
    ),

    _statement: $ => choice(
      $.target_scope_declaration,
      $.metadata_declaration,
      $.extension_declaration,
      $.extension_config_assignment,
      $.import_declaration,
      $.using_declaration,
      $.extends_declaration,
      $.parameter_declaration,
      $.parameter_assignment,
      $.type_declaration,
      $.variable_declaration,
      $.function_declaration,
      $.resource_declaration,
      $.module_declaration,
      $.test_declaration,
      $.assert_declaration,
      $.output_declaration,
    ),

    // Declarations

    _decorators: $ => repeat1(seq($.decorator, $._newline)),

    decorator: $ => seq('@', field('expression', choice(
      $.identifier,
      $.call_expression,
      $.member_expression,
    ))),

    target_scope_declaration: $ => seq('targetScope', '=', field('value', $._expression)),

    metadata_declaration: $ => seq(
      optional($._decorators),
      'metadata', field('name', $.identifier), '=', field('value', $._expression),
    ),

    extension_declaration: $ => seq(
      optional($._decorators),
      'extension',
      field('specification', choice($.string, $.identifier)),
      optional(seq('with', field('config', $.object))),
      optional(seq('as', field('alias', $.identifier))),
    ),

    extension_config_assignment: $ => seq(
      'extensionConfig', field('alias', $.identifier), 'with', field('config', $.object),
    ),

    import_declaration: $ => seq(
      optional($._decorators),
      'import',
      choice(
        seq(
          field('symbols', choice($.import_symbols, $.wildcard_import)),
          'from', field('path', $.string),
        ),
        // The older extension form: import 'az@1.0.0' with {...} as az
        seq(
          field('specification', $.string),
          optional(seq('with', field('config', $.object))),
          optional(seq('as', field('alias', $.identifier))),
        ),
      ),
    ),

    import_symbols: $ => seq(
      '{',
      optional($._newline),
      optional(seq(sepBy1($._separator, $.import_symbol), optional($._separator))),
      '}',
    ),

    import_symbol: $ => seq(
      field('name', choice($.identifier, $.string)),
      optional(seq('as', field('alias', $.identifier))),
    ),

    wildcard_import: $ => seq('*', 'as', field('alias', $.identifier)),

    using_declaration: $ => seq(
      'using',
      field('path', choice($.string, 'none')),
      optional(seq('with', field('config', $.object))),
    ),

    extends_declaration: $ => seq('extends', field('path', $.string)),

    parameter_declaration: $ => seq(
      optional($._decorators),
      'param',
      field('name', $.identifier),
      field('type', choice($._type, $.resource_type)),
      optional(seq('=', field('default', $._expression))),
    ),

    // .bicepparam: param name = value
    parameter_assignment: $ => seq(
      optional($._decorators),
      'param',
      field('name', $.identifier),
      '=',
      field('value', $._expression),
    ),

    resource_type: $ => seq('resource', field('type', $.string)),

    type_declaration: $ => seq(
      optional($._decorators),
      'type', field('name', $.identifier), '=', field('value', $._type),
    ),

    variable_declaration: $ => seq(
      optional($._decorators),
      'var',
      field('name', $.identifier),
      optional(field('type', $._type)),
      '=',
      field('value', $._expression),
    ),

    function_declaration: $ => seq(
      optional($._decorators),
      'func',
      field('name', $.identifier),
      field('parameters', $.typed_parameters),
      field('return_type', $._type),
      '=>',
      field('body', $._expression),
    ),

    typed_parameters: $ => seq('(', optional(commaSep1($.typed_parameter)), ')'),

    typed_parameter: $ => seq(field('name', $.identifier), field('type', $._type)),

    resource_declaration: $ => seq(
      optional($._decorators),
      'resource',
      field('name', $.identifier),
      field('type', $.string),
      optional(field('existing', 'existing')),
      '=',
      field('body', $._resource_body),
    ),

    module_declaration: $ => seq(
      optional($._decorators),
      'module',
      field('name', $.identifier),
      field('path', $.string),
      '=',
      field('body', $._resource_body),
    ),

    _resource_body: $ => choice($.object, $.if_body, $.for_expression),

    if_body: $ => seq(
      'if', field('condition', $.parenthesized_expression), field('body', $.object),
    ),

    test_declaration: $ => seq(
      optional($._decorators),
      'test', field('name', $.identifier), field('path', $.string), '=', field('body', $.object),
    ),

    assert_declaration: $ => seq(
      optional($._decorators),
      'assert', field('name', $.identifier), '=', field('value', $._expression),
    ),

    output_declaration: $ => seq(
      optional($._decorators),
      'output',
      field('name', $.identifier),
      field('type', choice($._type, $.resource_type)),
      '=',
      field('value', $._expression),
    ),

    // Expressions

    _expression: $ => choice(
      $.identifier,
      $.number,
      $.boolean,
      $.null,
      $.string,
      $.multiline_string,
      $.interpolated_multiline_string,
      $.array,
      $.object,
      $.for_expression,
      $.parenthesized_expression,
      $.call_expression,
      $.member_expression,
      $.index_expression,
      $.resource_access_expression,
      $.non_null_expression,
      $.unary_expression,
      $.binary_expression,
      $.ternary_expression,
      $.lambda_expression,
    ),

    parenthesized_expression: $ => seq('(', $._expression, ')'),

    call_expression: $ => prec(PREC.member, seq(
      field('function', choice($.identifier, $.member_expression)),
      field('arguments', $.arguments),
    )),

    arguments: $ => seq('(', optional(commaSep1($._expression)), ')'),

    member_expression: $ => prec(PREC.member, seq(
      field('object', $._expression),
      choice('.', field('safe', '.?')),
      field('property', $.identifier),
    )),

    index_expression: $ => prec(PREC.member, seq(
      field('object', $._expression),
      '[',
      optional(field('safe', '?')),
      optional(field('from_end', '^')),
      field('index', $._expression),
      ']',
    )),

    resource_access_expression: $ => prec(PREC.member, seq(
      field('object', $._expression), '::', field('name', $.identifier),
    )),

    non_null_expression: $ => prec(PREC.member, seq(field('expression', $._expression), '!')),

    unary_expression: $ => prec(PREC.unary, seq(
      field('operator', choice('!', '-', '+')),
      field('operand', $._expression),
    )),

    binary_expression: $ => choice(
      ...[
        ['??', PREC.coalesce],
        ['||', PREC.or],
        ['&&', PREC.and],
        ['==', PREC.equality],
        ['!=', PREC.equality],
        ['=~', PREC.equality],
        ['!~', PREC.equality],
        ['<', PREC.relational],
        ['<=', PREC.relational],
        ['>', PREC.relational],
        ['>=', PREC.relational],
        ['+', PREC.additive],
        ['-', PREC.additive],
        ['*', PREC.multiplicative],
        ['/', PREC.multiplicative],
        ['%', PREC.multiplicative],
      ].map(([op, p]) => prec.left(p, seq(
        field('left', $._expression),
        field('operator', op),
        field('right', $._expression),
      ))),
    ),

    ternary_expression: $ => prec.right(PREC.ternary, seq(
      field('condition', $._expression),
      '?',
      field('consequence', $._expression),
      ':',
      field('alternative', $._expression),
    )),

    lambda_expression: $ => prec.right(PREC.lambda, seq(
      field('parameters', choice($.identifier, $.lambda_parameters)),
      '=>',
      field('body', $._expression),
    )),

    lambda_parameters: $ => seq('(', optional(commaSep1($.identifier)), ')'),

    for_expression: $ => seq(
      '[',
      optional($._newline),
      'for',
      choice(
        field('item', $.identifier),
        seq('(', field('item', $.identifier), optional(seq(',', field('index', $.identifier))), ')'),
      ),
      'in',
      field('collection', $._expression),
      ':',
      field('body', choice($._expression, $.if_body)),
      optional($._newline),
      ']',
    ),

    array: $ => seq(
      '[',
      optional($._newline),
      optional(seq(sepBy1($._separator, $._array_item), optional($._separator))),
      ']',
    ),

    _array_item: $ => choice($._expression, $.spread_element),

    object: $ => seq(
      '{',
      optional($._newline),
      optional(seq(sepBy1($._separator, $._object_item), optional($._separator))),
      '}',
    ),

    _object_item: $ => choice($.object_property, $.spread_element, $.resource_declaration),

    object_property: $ => seq(
      field('key', choice($.identifier, $.string, $.multiline_string, alias($._keyword_key, $.identifier))),
      ':',
      field('value', $._expression),
    ),

    // Keywords that may begin an object item yet also serve as property names.
    _keyword_key: _ => choice('resource'),

    spread_element: $ => seq('...', field('expression', $._expression)),

    _separator: $ => choice(seq(',', optional($._newline)), $._newline),

    // Literals

    number: _ => /[0-9]+/,

    boolean: _ => choice('true', 'false'),

    null: _ => 'null',

    string: $ => seq(
      '\'',
      repeat(choice($.string_content, $.escape_sequence, $.interpolation)),
      token.immediate('\''),
    ),

    escape_sequence: _ => token.immediate(/\\(u\{[0-9A-Fa-f]+\}|[^\r\n])/),

    interpolation: $ => seq(token.immediate('${'), field('expression', $._expression), '}'),

    interpolated_multiline_string: $ => seq(
      $._multiline_interpolated_start,
      repeat(choice(alias($._multiline_content, $.string_content), $.multiline_interpolation)),
      $._multiline_end,
    ),

    multiline_interpolation: $ => seq(
      $._multiline_interpolation_start, field('expression', $._expression), '}',
    ),

    identifier: _ => /[A-Za-z_][A-Za-z0-9_]*/,

    // Types

    _type: $ => choice($.union_type, $._singular_type),

    union_type: $ => choice(
      seq('|', sepBy1('|', $._singular_type)),
      seq($._singular_type, repeat1(seq('|', $._singular_type))),
    ),

    _singular_type: $ => choice(
      $._type_reference,
      $.array_type,
      $.nullable_type,
      $.non_null_type,
      $.parenthesized_type,
      $.string,
      $.multiline_string,
      $.number,
      $.boolean,
      $.null,
      $.unary_type,
      $.object_type,
      $.tuple_type,
    ),

    _type_reference: $ => choice(
      alias($.identifier, $.type_identifier),
      $.parameterized_type,
      $.type_member,
      $.type_index,
    ),

    parameterized_type: $ => seq(
      field('name', choice(alias($.identifier, $.type_identifier), $.type_member)),
      '<', commaSep1(field('argument', $._type)), '>',
    ),

    type_member: $ => seq(
      field('object', $._type_reference),
      '.',
      field('property', choice($.identifier, '*')),
    ),

    type_index: $ => seq(
      field('object', $._type_reference),
      '[', field('index', choice($.number, '*')), ']',
    ),

    array_type: $ => prec(1, seq(field('element', $._singular_type), '[', ']')),

    nullable_type: $ => prec(1, seq(field('type', $._singular_type), '?')),

    non_null_type: $ => prec(1, seq(field('type', $._singular_type), '!')),

    parenthesized_type: $ => seq('(', $._type, ')'),

    unary_type: $ => seq(
      field('operator', choice('!', '-', '+')),
      field('operand', choice($.number, $.boolean, $.null)),
    ),

    object_type: $ => seq(
      '{',
      optional($._newline),
      optional(seq(
        sepBy1($._separator, choice($.object_type_property, $.object_type_additional_properties)),
        optional($._separator),
      )),
      '}',
    ),

    object_type_property: $ => seq(
      optional($._decorators),
      field('key', choice($.identifier, $.string, $.multiline_string, alias($._keyword_key, $.identifier))),
      ':',
      field('type', $._type),
    ),

    object_type_additional_properties: $ => seq(
      optional($._decorators), '*', ':', field('type', $._type),
    ),

    tuple_type: $ => seq(
      '[',
      optional($._newline),
      optional(seq(sepBy1($._separator, $.tuple_item), optional($._separator))),
      ']',
    ),

    tuple_item: $ => seq(optional($._decorators), field('type', $._type)),

    // Trivia

    comment: _ => token(choice(
      seq('//', /[^\r\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),

    // #disable-next-line, #disable-diagnostics and #restore-diagnostics
    directive: _ => token(seq(
      '#',
      choice('disable-next-line', 'disable-diagnostics', 'restore-diagnostics'),
      /[^\r\n]*/,
    )),
  },
});

function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}

function sepBy1(sep, rule) {
  return seq(rule, repeat(seq(sep, rule)));
}
