package dev.sextant.dataset;

/**
 * The kinds of Go tokens that finding top-level functions needs to tell apart. Keywords that matter
 * to the structure have their own kind; every other keyword is {@link #KEYWORD}, every literal
 * {@link #LITERAL} and every operator without structural meaning {@link #OPERATOR}.
 */
enum GoToken {
    IDENT,
    FUNC,
    PACKAGE,
    STRUCT,
    INTERFACE,
    KEYWORD,
    LITERAL,
    COMMENT,
    /** An explicit {@code ;} or one inserted at a line end by Go's semicolon rule. */
    SEMICOLON,
    LPAREN,
    RPAREN,
    LBRACK,
    RBRACK,
    LBRACE,
    RBRACE,
    COMMA,
    PERIOD,
    OPERATOR,
    EOF;

    /** Whether this token opens a bracket pair: {@code (}, {@code [} or {@code {}. */
    boolean opens() {
        return this == LPAREN || this == LBRACK || this == LBRACE;
    }

    /** Whether this token closes a bracket pair: {@code )}, {@code ]} or {@code }}. */
    boolean closes() {
        return this == RPAREN || this == RBRACK || this == RBRACE;
    }

    /** The character of a bracket token, for messages. */
    char bracket() {
        return switch (this) {
            case LPAREN -> '(';
            case RPAREN -> ')';
            case LBRACK -> '[';
            case RBRACK -> ']';
            case LBRACE -> '{';
            case RBRACE -> '}';
            default -> throw new IllegalStateException("not a bracket: " + this);
        };
    }
}
