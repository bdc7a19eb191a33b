package dev.sextant.dataset;

/**
 * Splits Go source bytes into tokens following the lexical part of the Go specification: line and
 * general comments, identifiers and keywords, numbers, interpreted and raw strings, runes with every
 * escape form, operators, and the automatic semicolons inserted at line ends. Its semicolon placement
 * matches go/scanner's, which go/parser's comment grouping depends on: at a line end the semicolon sits
 * on the newline, and before a comment that runs to the end of the line it sits on the comment.
 *
 * <p>Token boundaries are byte offsets and lines are 1-based physical lines ({@code //line}
 * directives are not interpreted). A lexical error throws {@link MalformedGoSourceException} with the
 * line where the bad token starts; the lexer never reads outside its range, whatever the input.
 *
 * <p>Not thread-safe: one lexer reads one file.
 */
final class GoLexer {
    private final byte[] src;
    private final int limit;
    private int pos;
    private int line = 1;
    /** Go's rule: a newline or end of file after this token ends the statement. */
    private boolean insertSemi;

    private GoToken kind = GoToken.EOF;
    private int tokenStart;
    private int tokenEnd;
    private int tokenLine;
    private int tokenEndLine;

    /** A lexer over {@code src[from, to)}; {@code from} skips a leading byte order mark, for example. */
    GoLexer(byte[] src, int from, int to) {
        this.src = src;
        this.pos = from;
        this.limit = to;
    }

    /** The kind of the current token. */
    GoToken kind() {
        return kind;
    }

    /** Offset of the current token's first byte. */
    int start() {
        return tokenStart;
    }

    /** Offset just past the current token's last byte. */
    int end() {
        return tokenEnd;
    }

    /** Line of the current token's first byte. */
    int line() {
        return tokenLine;
    }

    /** Line of the current token's last byte (differs from {@link #line()} for multi-line tokens). */
    int endLine() {
        return tokenEndLine;
    }

    /** Moves to the next token and returns its kind; {@link GoToken#EOF} at the end, forever. */
    GoToken next() {
        skipWhitespace();
        tokenStart = pos;
        tokenLine = line;
        if (pos >= limit) {
            if (insertSemi) {
                insertSemi = false;
                return token(GoToken.SEMICOLON, pos);
            }
            return token(GoToken.EOF, pos);
        }
        int c = src[pos] & 0xff;
        if (c < 0x80 && (isAsciiLetter(c) || c == '_')) {
            return identifier(pos + 1);
        }
        if (c >= 0x80) {
            int cp = codePointAt(pos);
            if (cp >= 0 && Character.isLetter(cp)) {
                return identifier(pos + utf8Length(pos));
            }
            throw new MalformedGoSourceException(line, cp < 0
                    ? "illegal UTF-8 encoding"
                    : String.format("illegal character U+%04X", cp));
        }
        if (isDecimal(c) || c == '.' && pos + 1 < limit && isDecimal(src[pos + 1])) {
            insertSemi = true;
            return token(GoToken.LITERAL, number());
        }
        return punctuation(c);
    }

    /**
     * Moves to the next bracket token, or to the end of the file, skipping every other token: a
     * function body only needs its brackets. Identifiers, numbers, strings, runes and comments on the
     * way are scanned by the same rules as {@link #next()}, so the same files are rejected; only the
     * tokens are not produced.
     */
    GoToken nextBracket() {
        int p = pos;
        while (p < limit) {
            int c = src[p] & 0xff;
            switch (CLASSES[c]) {
                case SKIP -> p++;
                case NEWLINE -> {
                    p++;
                    line++;
                }
                case WORD -> p = wordEnd(p + 1);
                case DIGIT -> {
                    pos = p;
                    p = number();
                }
                case QUOTE -> {
                    pos = p;
                    p = c == '"' ? interpretedString(p + 1) : c == '`' ? rawString(p + 1) : rune(p + 1);
                }
                case SLASH -> {
                    if (p + 1 < limit && (src[p + 1] == '/' || src[p + 1] == '*')) {
                        pos = p;
                        tokenLine = line;
                        comment();
                        p = pos;
                    } else {
                        p++;
                    }
                }
                case BRACKET -> {
                    tokenStart = p;
                    tokenLine = line;
                    pos = p;
                    GoToken bracket = switch (c) {
                        case '(' -> GoToken.LPAREN;
                        case ')' -> GoToken.RPAREN;
                        case '[' -> GoToken.LBRACK;
                        case ']' -> GoToken.RBRACK;
                        case '{' -> GoToken.LBRACE;
                        default -> GoToken.RBRACE;
                    };
                    insertSemi = bracket.closes();
                    return token(bracket, p + 1);
                }
                case NON_ASCII -> {
                    int cp = codePointAt(p);
                    if (cp < 0 || !Character.isLetter(cp)) {
                        throw new MalformedGoSourceException(line, cp < 0
                                ? "illegal UTF-8 encoding"
                                : String.format("illegal character U+%04X", cp));
                    }
                    p = wordEnd(p + utf8Length(p));
                }
                default -> throw new MalformedGoSourceException(line, c == 0
                        ? "illegal character NUL"
                        : String.format("illegal character U+%04X", c));
            }
        }
        tokenStart = p;
        tokenLine = line;
        insertSemi = false;
        return token(GoToken.EOF, p);
    }

    // What a byte outside literals and comments can be, for nextBracket.
    private static final byte ILLEGAL = 0;
    private static final byte SKIP = 1;
    private static final byte NEWLINE = 2;
    private static final byte WORD = 3;
    private static final byte DIGIT = 4;
    private static final byte QUOTE = 5;
    private static final byte SLASH = 6;
    private static final byte BRACKET = 7;
    private static final byte NON_ASCII = 8;
    private static final byte[] CLASSES = new byte[256];

    static {
        for (char c : " \t\r+-*%&|^<>=!:.,;~".toCharArray()) {
            CLASSES[c] = SKIP;
        }
        CLASSES['\n'] = NEWLINE;
        for (int c = 'a'; c <= 'z'; c++) {
            CLASSES[c] = WORD;
            CLASSES[c - 'a' + 'A'] = WORD;
        }
        CLASSES['_'] = WORD;
        for (int c = '0'; c <= '9'; c++) {
            CLASSES[c] = DIGIT;
        }
        CLASSES['"'] = QUOTE;
        CLASSES['`'] = QUOTE;
        CLASSES['\''] = QUOTE;
        CLASSES['/'] = SLASH;
        for (char c : "()[]{}".toCharArray()) {
            CLASSES[c] = BRACKET;
        }
        for (int c = 0x80; c < 0x100; c++) {
            CLASSES[c] = NON_ASCII;
        }
    }

    private void skipWhitespace() {
        while (pos < limit) {
            byte c = src[pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n' && !insertSemi) {
                pos++;
                line++;
            } else {
                return;
            }
        }
    }

    private GoToken token(GoToken k, int end) {
        kind = k;
        tokenEnd = end;
        tokenEndLine = line;
        pos = end;
        return k;
    }

    private GoToken identifier(int from) {
        int p = wordEnd(from);
        GoToken k = Keywords.classify(src, tokenStart, p - tokenStart);
        insertSemi = k == GoToken.IDENT
                || k == GoToken.KEYWORD && Keywords.endsStatement(src, tokenStart, p - tokenStart);
        return token(k, p);
    }

    /** The end of the identifier whose letters continue at {@code from}. */
    private int wordEnd(int from) {
        int p = from;
        while (p < limit) {
            int c = src[p] & 0xff;
            if (c < 0x80) {
                byte kind = CLASSES[c];
                if (kind == WORD || kind == DIGIT) {
                    p++;
                    continue;
                }
                return p;
            }
            int cp = codePointAt(p);
            if (cp < 0 || !(Character.isLetter(cp) || Character.isDigit(cp))) {
                return p;
            }
            p += utf8Length(p);
        }
        return p;
    }

    private int number() {
        int p = pos;
        boolean hex = false;
        if (src[p] == '0' && p + 1 < limit) {
            int prefix = src[p + 1] | 0x20;
            if (prefix == 'x' || prefix == 'b' || prefix == 'o') {
                hex = prefix == 'x';
                p += 2;
            }
        }
        while (p < limit) {
            int c = src[p] & 0xff;
            int lower = c | 0x20;
            boolean exponent = hex ? lower == 'p' : lower == 'e';
            if (exponent && p + 1 < limit && (src[p + 1] == '+' || src[p + 1] == '-')) {
                p += 2;
            } else if (c < 0x80 && (isAsciiLetter(c) || isDecimal(c) || c == '_' || c == '.')) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private GoToken punctuation(int c) {
        int p = pos + 1;
        boolean semi = false;
        GoToken k = GoToken.OPERATOR;
        switch (c) {
            case '\n' -> {
                // Reached only when a semicolon is due: it takes the newline's place.
                insertSemi = false;
                GoToken t = token(GoToken.SEMICOLON, p);
                line++;
                return t;
            }
            case '"' -> {
                p = interpretedString(p);
                k = GoToken.LITERAL;
                semi = true;
            }
            case '`' -> {
                p = rawString(p);
                k = GoToken.LITERAL;
                semi = true;
            }
            case '\'' -> {
                p = rune(p);
                k = GoToken.LITERAL;
                semi = true;
            }
            case '/' -> {
                if (p < limit && (src[p] == '/' || src[p] == '*')) {
                    if (insertSemi && commentsReachLineEnd(pos)) {
                        // The semicolon sits on the comment; the comment comes as the next token.
                        insertSemi = false;
                        return token(GoToken.SEMICOLON, pos);
                    }
                    insertSemi = false;
                    return comment();
                }
                p = withEquals(p);
            }
            case '(' -> k = GoToken.LPAREN;
            case ')' -> {
                k = GoToken.RPAREN;
                semi = true;
            }
            case '[' -> k = GoToken.LBRACK;
            case ']' -> {
                k = GoToken.RBRACK;
                semi = true;
            }
            case '{' -> k = GoToken.LBRACE;
            case '}' -> {
                k = GoToken.RBRACE;
                semi = true;
            }
            case ',' -> k = GoToken.COMMA;
            case ';' -> k = GoToken.SEMICOLON;
            case '.' -> {
                if (p + 1 < limit && src[p] == '.' && src[p + 1] == '.') {
                    p += 2;
                } else {
                    k = GoToken.PERIOD;
                }
            }
            case '+', '-' -> {
                if (p < limit && src[p] == '=') {
                    p++;
                } else if (p < limit && src[p] == c) {
                    p++;
                    semi = true; // ++ and -- end a statement
                }
            }
            case ':', '*', '%', '^', '=', '!' -> p = withEquals(p);
            case '<' -> {
                if (p < limit && src[p] == '-') {
                    p++;
                } else {
                    p = shift(p, '<');
                }
            }
            case '>' -> p = shift(p, '>');
            case '&' -> {
                if (p < limit && src[p] == '^') {
                    p = withEquals(p + 1);
                } else if (p < limit && src[p] == '&') {
                    p++;
                } else {
                    p = withEquals(p);
                }
            }
            case '|' -> {
                if (p < limit && src[p] == '|') {
                    p++;
                } else {
                    p = withEquals(p);
                }
            }
            case '~' -> { }
            default -> throw new MalformedGoSourceException(line, c == 0
                    ? "illegal character NUL"
                    : String.format("illegal character U+%04X", c));
        }
        insertSemi = semi;
        return token(k, p);
    }

    private int withEquals(int p) {
        return p < limit && src[p] == '=' ? p + 1 : p;
    }

    /** {@code <}, {@code <=}, {@code <<}, {@code <<=} and the same with {@code >}. */
    private int shift(int p, char c) {
        if (p < limit && src[p] == c) {
            return withEquals(p + 1);
        }
        return withEquals(p);
    }

    /**
     * go/scanner's findLineEnd: whether only comments and spaces separate {@code from} (the start of a
     * comment) from the end of the line, in which case a due semicolon is inserted before them.
     */
    private boolean commentsReachLineEnd(int from) {
        int p = from;
        while (p + 1 < limit && src[p] == '/' && (src[p + 1] == '/' || src[p + 1] == '*')) {
            if (src[p + 1] == '/') {
                return true;
            }
            p += 2;
            while (p < limit) {
                byte c = src[p++];
                if (c == '\n') {
                    return true;
                }
                if (c == '*' && p < limit && src[p] == '/') {
                    p++;
                    break;
                }
            }
            while (p < limit && (src[p] == ' ' || src[p] == '\t' || src[p] == '\r')) {
                p++;
            }
            if (p >= limit || src[p] == '\n') {
                return true;
            }
        }
        return false;
    }

    private GoToken comment() {
        int p = pos + 2;
        if (src[pos + 1] == '/') {
            while (p < limit && src[p] != '\n') {
                p++;
            }
            return token(GoToken.COMMENT, p);
        }
        int startLine = line;
        while (true) {
            if (p >= limit) {
                throw new MalformedGoSourceException(startLine, "comment not terminated");
            }
            byte c = src[p++];
            if (c == '\n') {
                line++;
            } else if (c == '*' && p < limit && src[p] == '/') {
                return token(GoToken.COMMENT, p + 1);
            }
        }
    }

    private int interpretedString(int from) {
        int p = from;
        while (true) {
            if (p >= limit || src[p] == '\n') {
                throw new MalformedGoSourceException(line, "string literal not terminated");
            }
            byte c = src[p++];
            if (c == '"') {
                return p;
            }
            if (c == '\\') {
                p = EscapeSequence.end(src, p, limit, '"', line);
            }
        }
    }

    private int rawString(int from) {
        int p = from;
        int startLine = line;
        while (true) {
            if (p >= limit) {
                throw new MalformedGoSourceException(startLine, "raw string literal not terminated");
            }
            byte c = src[p++];
            if (c == '`') {
                return p;
            }
            if (c == '\n') {
                line++;
            }
        }
    }

    private int rune(int from) {
        int p = from;
        int chars = 0;
        while (true) {
            if (p >= limit || src[p] == '\n') {
                throw new MalformedGoSourceException(line, "rune literal not terminated");
            }
            byte c = src[p++];
            if (c == '\'') {
                break;
            }
            if ((c & 0xc0) != 0x80) { // count code points, not UTF-8 continuation bytes
                chars++;
            }
            if (c == '\\') {
                p = EscapeSequence.end(src, p, limit, '\'', line);
            }
        }
        if (chars != 1) {
            throw new MalformedGoSourceException(line, "illegal rune literal");
        }
        return p;
    }

    private int codePointAt(int p) {
        return Utf8.codePointAt(src, p, limit);
    }

    /** The bytes of the well-formed character at {@code p}, which {@link #codePointAt} accepted. */
    private int utf8Length(int p) {
        return Utf8.sequenceLength(src, p, limit);
    }

    private static boolean isAsciiLetter(int c) {
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'z';
    }

    private static boolean isDecimal(int c) {
        return c >= '0' && c <= '9';
    }
}
