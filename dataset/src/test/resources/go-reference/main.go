// Command reference prints, for every Go file named on its standard input, the top-level functions
// that go/parser finds, one JSON object per line, so that GoParserAgreementTest can compare the Java
// extractor with Go's own parser. A file that go/parser rejects gives one object with an error.
package main

import (
	"bufio"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
)

type function struct {
	File      string `json:"file"`
	Error     string `json:"error,omitempty"`
	Name      string `json:"name"`
	Receiver  string `json:"receiver"`
	Doc       string `json:"doc"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	FirstLine int    `json:"firstLine"`
	LastLine  int    `json:"lastLine"`
	BodyLines int    `json:"bodyLines"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		name := in.Text()
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			enc.Encode(function{File: name, Error: err.Error()})
			continue
		}
		// Physical positions: //line directives must not move them.
		at := func(p token.Pos) token.Position { return fset.PositionFor(p, false) }
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			f := function{File: name, Name: fn.Name.Name}
			if fn.Recv != nil && len(fn.Recv.List) > 0 {
				f.Receiver = typeString(fn.Recv.List[0].Type)
			}
			f.Doc = strings.TrimSuffix(fn.Doc.Text(), "\n")
			f.Start = at(fn.Pos()).Offset
			f.End = at(fn.End()).Offset
			f.FirstLine = at(fn.Pos()).Line
			f.LastLine = at(fn.End() - 1).Line
			if fn.Body != nil {
				f.BodyLines = at(fn.Body.Rbrace).Line - at(fn.Body.Lbrace).Line + 1
			}
			enc.Encode(f)
		}
	}
}

// typeString prints a receiver type the way the extractor does: *List[K, V].
func typeString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return "*" + typeString(t.X)
	case *ast.ParenExpr:
		return "(" + typeString(t.X) + ")"
	case *ast.SelectorExpr:
		return typeString(t.X) + "." + t.Sel.Name
	case *ast.IndexExpr:
		return typeString(t.X) + "[" + typeString(t.Index) + "]"
	case *ast.IndexListExpr:
		parts := make([]string, len(t.Indices))
		for i, index := range t.Indices {
			parts[i] = typeString(index)
		}
		return typeString(t.X) + "[" + strings.Join(parts, ", ") + "]"
	}
	return "?"
}
