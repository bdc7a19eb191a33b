package dev.sextant.dataset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the top-level function and method declarations of one Go file with their doc comments,
 * following go/parser where it matters: a declaration is a {@code func} keyword that starts a top-level
 * declaration (outside every bracket, right after a semicolon, so never a function literal), its doc is
 * go/parser's lead comment, and its body is the first brace at the signature's own level that does not
 * open a {@code struct} or {@code interface} type.
 *
 * <p>The file must be UTF-8 with balanced brackets and begin with a package clause; anything else is
 * rejected with the line of the problem. Scanning is linear in the file's size and uses no recursion.
 */
final class GoFileScanner {
    private final byte[] src;
    private final GoLexer lexer;
    private final PendingComments comments = new PendingComments();

    private GoFileScanner(byte[] src) {
        this.src = src;
        this.lexer = new GoLexer(src, SourceEncoding.contentStart(src), src.length);
    }

    /**
     * Scans one file's bytes.
     *
     * @param includeGenerated whether a generated file's functions are wanted; when not, scanning stops
     *     at the package clause of a file marked as generated
     */
    static GoFileScan scan(byte[] src, boolean includeGenerated) {
        Optional<GoFileScan.Rejected> badEncoding = SourceEncoding.check(src);
        if (badEncoding.isPresent()) {
            return badEncoding.get();
        }
        try {
            return new GoFileScanner(src).functions(includeGenerated);
        } catch (MalformedGoSourceException e) {
            return new GoFileScan.Rejected(FileSkipReason.MALFORMED, e.line(), e.getMessage());
        }
    }

    private GoFileScan functions(boolean includeGenerated) {
        boolean generated = false;
        GoToken token = lexer.next();
        while (token == GoToken.COMMENT) {
            generated = generated || GeneratedMarker.isIn(CommentText.of(src, lexer.start(), lexer.end()));
            token = lexer.next();
        }
        if (token != GoToken.PACKAGE) {
            throw new MalformedGoSourceException(lexer.line(), "expected 'package' clause, found " + describe(token));
        }
        if (generated && !includeGenerated) {
            return new GoFileScan.Generated();
        }
        List<GoFunction> functions = new ArrayList<>();
        BracketStack brackets = new BracketStack();
        GoToken previous = token;
        int previousLine = lexer.line();
        while (true) {
            // Inside brackets at the top level (a var block, a struct type) nothing but brackets matters.
            token = brackets.isEmpty() ? lexer.next() : lexer.nextBracket();
            if (token == GoToken.COMMENT) {
                if (brackets.isEmpty()) {
                    comments.add(lexer);
                }
                continue;
            }
            if (token == GoToken.EOF) {
                brackets.requireEmpty();
                return new GoFileScan.Functions(functions);
            }
            if (token == GoToken.FUNC && previous == GoToken.SEMICOLON && brackets.isEmpty()) {
                functions.add(declaration(previousLine));
                token = lexer.kind();
            } else {
                brackets.track(token, lexer.line());
            }
            previous = token;
            previousLine = lexer.line();
            comments.clear();
        }
    }

    /** Reads a declaration from its {@code func} keyword (the current token) to its last token. */
    private GoFunction declaration(int previousLine) {
        int start = lexer.start();
        int firstLine = lexer.line();
        int lead = comments.leadGroupStart(previousLine, firstLine);
        String doc = lead < 0 ? "" : DocText.of(src, comments, lead);

        GoToken token = significant();
        String receiver = "";
        if (token == GoToken.LPAREN) {
            receiver = receiverType();
            token = significant();
        }
        if (token != GoToken.IDENT) {
            throw new MalformedGoSourceException(lexer.line(), "expected function name, found " + describe(token));
        }
        String name = text(lexer.start(), lexer.end());

        BracketStack signature = new BracketStack();
        token = significant();
        if (token == GoToken.LBRACK) { // type parameters
            token = skipBracketed(signature);
        }
        if (token != GoToken.LPAREN) {
            throw new MalformedGoSourceException(lexer.line(), "expected '(', found " + describe(token));
        }
        GoToken before = token;
        int signatureEnd = lexer.end();
        int signatureEndLine = lexer.endLine();
        signature.open(token, lexer.line());
        while (true) {
            token = significant();
            if (token == GoToken.EOF) {
                signature.requireEmpty();
                throw new MalformedGoSourceException(firstLine, "declaration of " + name + " is not finished");
            }
            if (signature.isEmpty()) {
                if (token == GoToken.SEMICOLON) {
                    return new GoFunction(name, receiver, doc, start, signatureEnd, firstLine, signatureEndLine, 0);
                }
                // In a signature, braces only follow 'struct' or 'interface'; any other opens the body.
                if (token == GoToken.LBRACE && before != GoToken.STRUCT && before != GoToken.INTERFACE) {
                    return withBody(name, receiver, doc, start, firstLine);
                }
            }
            signature.track(token, lexer.line());
            before = token;
            signatureEnd = lexer.end();
            signatureEndLine = lexer.endLine();
        }
    }

    /** From an opening bracket (the current token) past its partner; returns the token after it. */
    private GoToken skipBracketed(BracketStack brackets) {
        brackets.open(lexer.kind(), lexer.line());
        while (!brackets.isEmpty()) {
            GoToken token = significant();
            if (token == GoToken.EOF) {
                brackets.requireEmpty();
            }
            brackets.track(token, lexer.line());
        }
        return significant();
    }

    private GoFunction withBody(String name, String receiver, String doc, int start, int firstLine) {
        int bodyLine = lexer.line();
        BracketStack body = new BracketStack();
        body.open(GoToken.LBRACE, bodyLine);
        while (true) {
            GoToken token = lexer.nextBracket();
            if (token == GoToken.EOF) {
                body.requireEmpty();
            }
            body.track(token, lexer.line());
            if (body.isEmpty()) {
                return new GoFunction(name, receiver, doc, start, lexer.end(), firstLine, lexer.line(),
                        lexer.line() - bodyLine + 1);
            }
        }
    }

    /**
     * The receiver's type as written, from just after its opening parenthesis to its closing one:
     * {@code (l *List[K, V])} gives {@code *List[K, V]}. A list of several receivers (which the type
     * checker rejects, but which parses) gives the first one's type, as go/ast does.
     */
    private String receiverType() {
        BracketStack brackets = new BracketStack();
        brackets.open(GoToken.LPAREN, lexer.line());
        List<GoToken> kinds = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        List<Integer> parameterStarts = new ArrayList<>(List.of(0));
        while (true) {
            GoToken token = significant();
            if (token == GoToken.EOF) {
                brackets.requireEmpty();
            }
            boolean topLevel = brackets.depth() == 1;
            brackets.track(token, lexer.line());
            if (brackets.isEmpty()) {
                break;
            }
            if (token == GoToken.COMMA && topLevel) {
                parameterStarts.add(kinds.size());
            } else if (token != GoToken.SEMICOLON) {
                kinds.add(token);
                spans.add(new int[] {lexer.start(), lexer.end()});
            }
        }
        parameterStarts.add(kinds.size());
        // As in a parameter list: if one parameter is "name Type", every parameter is named and the
        // first one's type is the first type written; otherwise every parameter is just a type.
        for (int p = 0; p + 1 < parameterStarts.size(); p++) {
            int from = parameterStarts.get(p);
            int to = parameterStarts.get(p + 1);
            if (to - from >= 2 && kinds.get(from) == GoToken.IDENT
                    && kinds.get(from + 1) != GoToken.LBRACK && kinds.get(from + 1) != GoToken.PERIOD) {
                return typeText(kinds, spans, from + 1, to);
            }
        }
        return typeText(kinds, spans, 0, parameterStarts.get(1));
    }

    /** Tokens as go/ast prints a type: a space after each comma, no trailing comma before a bracket. */
    private String typeText(List<GoToken> kinds, List<int[]> spans, int from, int to) {
        StringBuilder type = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (kinds.get(i) == GoToken.COMMA) {
                if (i + 1 < to && !kinds.get(i + 1).closes()) {
                    type.append(", ");
                }
            } else {
                int[] span = spans.get(i);
                type.append(text(span[0], span[1]));
            }
        }
        return type.toString();
    }

    private GoToken significant() {
        GoToken token;
        do {
            token = lexer.next();
        } while (token == GoToken.COMMENT);
        return token;
    }

    private String text(int start, int end) {
        return new String(src, start, end - start, StandardCharsets.UTF_8);
    }

    private String describe(GoToken token) {
        return switch (token) {
            case EOF -> "end of file";
            case SEMICOLON -> lexer.end() == lexer.start() || src[lexer.start()] == '\n' ? "newline" : "';'";
            default -> {
                String text = text(lexer.start(), Math.min(lexer.end(), lexer.start() + 40));
                yield "'" + text + (lexer.end() - lexer.start() > 40 ? "…'" : "'");
            }
        };
    }
}
