package dev.sextant.dataset;

/**
 * One top-level function or method declaration found in a Go file.
 *
 * @param name the function's name
 * @param receiver a method's receiver type as written, e.g. {@code *List[T]}; empty for a function
 * @param doc the doc comment text (see {@link DocText}); empty when there is none
 * @param start offset of the {@code func} keyword
 * @param end offset just past the closing brace of the body (past the signature when there is none)
 * @param firstLine line of the {@code func} keyword
 * @param lastLine line of the closing brace (of the signature's end when there is no body)
 * @param bodyLines lines from the body's opening brace to its closing brace, both included; 0 when the
 *     declaration has no body (a function implemented in assembly, for example)
 */
record GoFunction(String name, String receiver, String doc, int start, int end, int firstLine, int lastLine,
        int bodyLines) {

    boolean hasBody() {
        return bodyLines > 0;
    }
}
