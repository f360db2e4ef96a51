package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// The replication report, build/replication/index.html: one page that
// ties the run together for a reader. Its narrative is notebooks/report.md,
// Markdown written for the paper (its question, then the tables and figures
// that answer it); an image whose address is table:NAME or figure:NAME
// embeds the table or figure the notebooks saved under that name:
//
//	![Table 1: ours beside the paper's](table:06-table1-side-by-side)
//	![SAGG on TFP, 95% intervals](figure:06-table1-sagg-coef)
//
// After the narrative the page lists every notebook (its question, cells,
// the time it took, links to the executed notebook and its HTML export),
// every saved table and figure with links to its LaTeX, CSV, SVG and PNG
// files, and the environment: econb's commit, Go, GoNB, the Python side,
// and the SHA-256 of every data file. It prints to PDF as it reads
// (print style sheet: no navigation, no split tables or figures).

// reportSource is the report's narrative, relative to the repository.
const reportSource = "notebooks/report.md"

var embedRef = regexp.MustCompile(`<img src="(table|figure):([^"]+)" alt="([^"]*)"\s*/?>`)

// writeReport writes outDir/index.html for the notebooks that ran.
func writeReport(repo, outDir string, ran []ranNotebook, start time.Time) error {
	page := reportPage{Generated: start.UTC().Format("2006-01-02 15:04 UTC"), Env: environment(repo)}
	md, err := os.ReadFile(filepath.Join(repo, reportSource))
	if err == nil {
		var b bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(md, &b); err != nil {
			return fmt.Errorf("%s: %w", reportSource, err)
		}
		var missing []string
		body := embedRef.ReplaceAllStringFunc(b.String(), func(m string) string {
			s := embedRef.FindStringSubmatch(m)
			h, ok := embed(outDir, s[1], s[2], s[3])
			if !ok {
				missing = append(missing, s[1]+":"+s[2])
			}
			return h
		})
		if len(missing) > 0 {
			return fmt.Errorf("%s refers to %s, which no notebook saved", reportSource, strings.Join(missing, ", "))
		}
		page.Narrative = template.HTML(body)
		if m := regexp.MustCompile(`(?m)^# (.+)$`).FindSubmatch(md); m != nil {
			page.Title = string(m[1])
		}
	}
	if page.Title == "" {
		page.Title = "econb replication"
	}
	for _, r := range ran {
		n := reportNotebook{ranNotebook: r}
		if nb, err := readNotebook(filepath.Join(repo, r.Path)); err == nil {
			n.Title, n.Question = intro(nb)
		}
		page.Notebooks = append(page.Notebooks, n)
		page.Total += r.Seconds
	}
	page.Files = savedFiles(outDir)
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, page); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "index.html"), b.Bytes(), 0o644)
}

// embed returns the HTML of a saved table (its .html fragment) or figure
// (its SVG, linked), with a caption.
func embed(outDir, kind, name, caption string) (string, bool) {
	switch kind {
	case "table":
		b, err := os.ReadFile(filepath.Join(outDir, "tables", name+".html"))
		if err != nil {
			return "", false
		}
		return fmt.Sprintf(`<figure class="tab">%s<figcaption>%s · <a href="tables/%s.tex">LaTeX</a> · <a href="tables/%s.csv">CSV</a></figcaption></figure>`,
			b, template.HTMLEscapeString(caption), name, name), true
	case "figure":
		if _, err := os.Stat(filepath.Join(outDir, "figures", name+".svg")); err != nil {
			return "", false
		}
		return fmt.Sprintf(`<figure class="fig"><img src="figures/%s.svg" alt="%s"><figcaption>%s · <a href="figures/%s.svg">SVG</a> · <a href="figures/%s.png">PNG</a></figcaption></figure>`,
			name, template.HTMLEscapeString(caption), template.HTMLEscapeString(caption), name, name), true
	}
	return "", false
}

// intro is a notebook's title (its first heading) and question (the rest of
// its first markdown cell, as plain text).
func intro(nb notebook) (title, question string) {
	for _, c := range nb.cells() {
		if c["cell_type"] != "markdown" {
			continue
		}
		lines := strings.Split(sourceOf(c), "\n")
		if len(lines) > 0 && strings.HasPrefix(lines[0], "#") {
			title = strings.TrimSpace(strings.TrimLeft(lines[0], "#"))
			lines = lines[1:]
		}
		question = strings.TrimSpace(strings.Join(lines, " "))
		question = regexp.MustCompile(`\*\*|\$\$?|`+"`").ReplaceAllString(question, "")
		if len(question) > 420 {
			question = question[:strings.LastIndex(question[:420], " ")] + " …"
		}
		return title, question
	}
	return "", ""
}

// savedFile is one table or figure the notebooks saved, with its formats.
type savedFile struct {
	Kind, Name string
	Formats    []string
}

func savedFiles(outDir string) []savedFile {
	var out []savedFile
	for _, kind := range []string{"tables", "figures"} {
		byName := map[string][]string{}
		entries, _ := os.ReadDir(filepath.Join(outDir, kind))
		for _, e := range entries {
			ext := filepath.Ext(e.Name())
			name := strings.TrimSuffix(e.Name(), ext)
			byName[name] = append(byName[name], strings.TrimPrefix(ext, "."))
		}
		names := make([]string, 0, len(byName))
		for n := range byName {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			sort.Strings(byName[n])
			out = append(out, savedFile{Kind: kind, Name: n, Formats: byName[n]})
		}
	}
	return out
}

// envItem is one line of the environment section.
type envItem struct{ Key, Value string }

// environment describes what produced the run: econb's commit, Go, GoNB,
// the Python side and the data files' checksums.
func environment(repo string) []envItem {
	cmd := func(name string, args ...string) string {
		c := exec.Command(name, args...)
		c.Dir = repo
		out, err := c.Output()
		if err != nil {
			return "unknown"
		}
		return strings.TrimSpace(string(out))
	}
	commit := cmd("git", "rev-parse", "HEAD")
	if cmd("git", "status", "--porcelain") != "" && commit != "unknown" {
		commit += " (with uncommitted changes)"
	}
	env := []envItem{
		{"econb commit", commit},
		{"Go", cmd("go", "env", "GOVERSION") + " " + runtime.GOOS + "/" + runtime.GOARCH},
		{"GoNB", cmd("go", "list", "-m", "-f", "{{.Version}}", "github.com/janpfeifer/gonb") + " (with econb's patch, kernel/assets/gonbpatch)"},
	}
	for _, f := range dataFiles(repo) {
		env = append(env, envItem{"data " + f.Key, f.Value})
	}
	return env
}

// dataFiles lists notebooks/data's data files with size and SHA-256.
func dataFiles(repo string) []envItem {
	var out []envItem
	root := filepath.Join(repo, "notebooks", "data")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		h := sha256.New()
		n, _ := io.Copy(h, f)
		rel, _ := filepath.Rel(root, p)
		out = append(out, envItem{rel, fmt.Sprintf("%d bytes, sha256 %s", n, hex.EncodeToString(h.Sum(nil)))})
		return nil
	})
	return out
}

type reportNotebook struct {
	ranNotebook
	Title, Question string
}

type reportPage struct {
	Title, Generated string
	Narrative        template.HTML
	Notebooks        []reportNotebook
	Total            float64
	Files            []savedFile
	Env              []envItem
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"secs": func(s float64) string { return fmt.Sprintf("%.1f s", s) },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<script>window.MathJax = {tex: {inlineMath: [['$', '$']]}};</script>
<script defer src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>
<style>
:root{--ink:#1d2329;--muted:#5b6670;--rule:#d8dde2;--accent:#0072b2;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 "Liberation Sans",Arial,Helvetica,sans-serif;color:var(--ink);background:var(--bg)}
header{padding:2.2rem 2rem 1.2rem;border-bottom:1px solid var(--rule);background:#f6f8fa}
header h1{margin:0 0 .3rem;font-size:1.7rem;line-height:1.25}
header p{margin:0;color:var(--muted);font-size:.9rem}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--rule);padding:.5rem 2rem;font-size:.9rem;z-index:2}
nav a{margin-right:1.2rem;color:var(--accent);text-decoration:none}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 4rem}
main h1{display:none}
h2{margin-top:2.4rem;padding-top:.4rem;border-top:2px solid var(--ink);font-size:1.3rem}
h3{font-size:1.1rem;margin-top:1.8rem}
a{color:var(--accent)}
figure{margin:1.4rem 0;overflow-x:auto}
figure.fig img{max-width:100%;height:auto;display:block}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.3rem}
table.list{border-collapse:collapse;width:100%;font-size:.9rem}
table.list th,table.list td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--rule);vertical-align:top}
table.list th{border-bottom:2px solid var(--ink)}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.fail{color:#b00020;font-weight:600}
.q{color:var(--muted);font-size:.88rem}
code{font-size:.9em}
dl.env{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.85rem}
dl.env dt{color:var(--muted)}
dl.env dd{margin:0;word-break:break-all;font-family:"Liberation Mono",Menlo,monospace}
@media print{
 nav{display:none} header{background:none}
 body{font-size:10.5pt} main{max-width:none;padding:0}
 figure,table,tr{break-inside:avoid} h2{break-before:page} h2:first-of-type{break-before:auto}
 a{color:inherit;text-decoration:none}
}
</style></head>
<body>
<header><h1>{{.Title}}</h1>
<p>Replication report written by <code>econb replicate</code> on {{.Generated}}; {{len .Notebooks}} notebooks in {{secs .Total}}.</p></header>
<nav><a href="#narrative">Findings</a><a href="#notebooks">Notebooks</a><a href="#files">Tables and figures</a><a href="#environment">Environment</a></nav>
<main>
<section id="narrative">{{.Narrative}}</section>
<h2 id="notebooks">Notebooks</h2>
<table class="list"><thead><tr><th>Notebook</th><th>Question</th><th>Cells</th><th>Time</th><th>Open</th></tr></thead><tbody>
{{range .Notebooks}}<tr><td><b>{{.Title}}</b><br><code>{{.Path}}</code></td><td class="q">{{.Question}}{{if not .OK}}<br><span class="fail">failed: {{.Err}}</span>{{end}}</td>
<td class="num">{{.Cells}}</td><td class="num">{{secs .Seconds}}</td><td><a href="{{.Name}}.html">HTML</a> · <a href="{{.Name}}.ipynb">ipynb</a></td></tr>
{{end}}</tbody></table>
<h2 id="files">Tables and figures</h2>
<table class="list"><thead><tr><th>Name</th><th>Files</th></tr></thead><tbody>
{{range .Files}}{{$f := .}}<tr><td><code>{{.Kind}}/{{.Name}}</code></td><td>{{range .Formats}}<a href="{{$f.Kind}}/{{$f.Name}}.{{.}}">{{.}}</a> {{end}}</td></tr>
{{end}}</tbody></table>
<h2 id="environment">Environment</h2>
<dl class="env">{{range .Env}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>{{end}}</dl>
</main></body></html>
`))
