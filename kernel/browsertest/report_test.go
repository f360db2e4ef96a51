package browsertest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/econb/econb/kernel/nbtests"
	"github.com/econb/econb/kernel/runner"
	"github.com/econb/econb/lib/plot"
	"github.com/econb/econb/lib/report"
)

// TestReportInBrowser writes a replication report (runner.Report, what
// `econb replicate` writes at the end of a run) from a narrative that
// embeds a table of lib/report and a figure of lib/plot, opens it in
// Chromium and checks what a reader sees: the navigation, the embedded
// table with its rows, the figure loaded as an image, the notebook list;
// then prints it to PDF (the print style sheet: no navigation). The
// screenshot and the PDF go to build/browsertest.
func TestReportInBrowser(t *testing.T) {
	chrome := findChromium(t)
	repo := t.TempDir()
	out := filepath.Join(repo, "build", "replication")
	writeFile(t, filepath.Join(repo, "notebooks", "report.md"), "# A replication\n\nThe paper's question.\n\n"+
		"## Table 1\n\n![Table 1: ours beside the paper's](table:t1)\n\n## The paths\n\n![TFP paths](figure:paths)\n")
	writeFile(t, filepath.Join(repo, "notebooks", "06-table1.ipynb"), `{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# 6. Table 1\n\n**Question.** Does SAGG raise TFP?"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`)
	writeFile(t, filepath.Join(repo, "notebooks", "data", "x.csv"), "a\n1\n")
	tab := report.New("Table 1: ours and the paper's", "Variable", "Ours", "Paper")
	tab.AddStrings("SAGG", "0.0512", "0.050")
	tab.AddStrings("", "(0.0101)", "(0.011)")
	tab.AddStrings("N", "3393", "3393")
	if err := os.MkdirAll(filepath.Join(out, "tables"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".html", ".tex", ".csv"} {
		if err := tab.Save(filepath.Join(out, "tables", "t1"+ext)); err != nil {
			t.Fatal(err)
		}
	}
	fig, err := plot.Paths([]plot.Series{{Group: "east", Unit: "a", X: []float64{2003, 2004, 2005}, Y: []float64{1, 1.05, 1.1}},
		{Group: "west", Unit: "b", X: []float64{2003, 2004, 2005}, Y: []float64{1, 1.01, 1.03}}}, plot.PathOptions{Title: "TFP", XLabel: "year", YLabel: "level"})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, "figures"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".svg", ".png"} {
		if err := fig.Save(filepath.Join(out, "figures", "paths"+ext)); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(out, "run.json"), `{"start": "2026-12-06T10:00:00Z", "notebooks": [{"name": "06-table1", "path": "notebooks/06-table1.ipynb", "cells": 9, "seconds": 9.4, "ok": true}]}`)
	if err := runner.Report(repo, out); err != nil {
		t.Fatal(err)
	}

	browser := rod.New().ControlURL(launchChromium(t, chrome))
	if err := browser.Connect(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = browser.Close() })
	page, err := browser.Page(proto.TargetCreateTarget{URL: "file://" + filepath.Join(out, "index.html")})
	if err != nil {
		t.Fatal(err)
	}
	if err := page.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: 1100, Height: 1400, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	p := page.Timeout(time.Minute)
	if err := p.WaitLoad(); err != nil {
		t.Fatal(err)
	}
	table, err := p.ElementR("table", "SAGG")
	if err != nil {
		t.Fatalf("the embedded table is not on the page: %v", err)
	}
	text, err := table.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Ours", "Paper", "0.0512", "(0.0101)", "3393"} {
		if !strings.Contains(text, want) {
			t.Errorf("embedded table lacks %q:\n%s", want, text)
		}
	}
	// The figure is an image the browser loaded (not a broken link).
	loaded, err := p.Eval(`() => { const i = document.querySelector('img[src="figures/paths.svg"]'); return i ? i.complete && i.naturalWidth : -1 }`)
	if err != nil {
		t.Fatal(err)
	}
	if w := loaded.Value.Int(); w <= 0 {
		t.Errorf("figure figures/paths.svg not loaded (naturalWidth %d)", w)
	}
	body, err := p.Element("body")
	if err != nil {
		t.Fatal(err)
	}
	all, err := body.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A replication", "Notebooks", "6. Table 1", "Does SAGG raise TFP?", "9.4 s", "Environment", "x.csv"} {
		if !strings.Contains(all, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	screenshot(t, page, filepath.Join(nbtests.RepoRoot(t), "build", "browsertest", "report.png"))
	// Printed: the print style sheet hides the navigation.
	if err := (proto.EmulationSetEmulatedMedia{Media: "print"}).Call(page); err != nil {
		t.Fatal(err)
	}
	display, err := p.Eval(`() => { const n = document.querySelector('nav'); return n ? getComputedStyle(n).display : 'no nav' }`)
	if err != nil {
		t.Fatal(err)
	}
	if d := display.Value.String(); d != "none" {
		t.Errorf("printed, the navigation shows (display %q)", d)
	}
	pdf, err := page.PDF(&proto.PagePrintToPDF{PrintBackground: true})
	if err != nil {
		t.Fatalf("printing to PDF: %v", err)
	}
	b, err := io.ReadAll(pdf)
	if err != nil || len(b) < 1000 || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("PDF: %d bytes, %v", len(b), err)
	}
	writeFile(t, filepath.Join(nbtests.RepoRoot(t), "build", "browsertest", "report.pdf"), string(b))
}
