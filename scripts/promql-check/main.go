// Checks the PromQL of Grafana dashboards with Prometheus's own parser (github.com/prometheus/prometheus
// promql/parser, the one Prometheus and promtool use), and, given the services' /metrics text, that every
// metric the queries select is one the services export. Prints one line per problem; exits 1 if any.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/prometheus/prometheus/promql/parser"
)

type target struct {
	RefID string `json:"refId"`
	Expr  string `json:"expr"`
}

type panel struct {
	Title   string   `json:"title"`
	Targets []target `json:"targets"`
	Panels  []panel  `json:"panels"`
}

type dashboard struct {
	Panels []panel `json:"panels"`
}

// Grafana replaces these before a query reaches Prometheus; any duration parses the same.
var grafanaVariables = strings.NewReplacer("$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h")

func main() {
	metricsPath := flag.String("metrics", "", "Prometheus text expositions (concatenated) the metric names must come from")
	flag.Parse()
	var known map[string]bool
	if *metricsPath != "" {
		var err error
		if known, err = exportedNames(*metricsPath); err != nil {
			fail(err)
		}
	}
	p := parser.NewParser(parser.Options{})
	checked, problems := 0, []string{}
	for _, path := range flag.Args() {
		panels, err := readPanels(path)
		if err != nil {
			fail(err)
		}
		for _, pn := range panels {
			for _, t := range pn.Targets {
				if t.Expr == "" {
					continue
				}
				checked++
				where := fmt.Sprintf("%s: panel %q query %s", path, pn.Title, t.RefID)
				problems = append(problems, checkQuery(p, t.Expr, known, where)...)
			}
		}
	}
	fmt.Printf("promql-check: %d queries checked, %d problems\n", checked, len(problems))
	for _, problem := range problems {
		fmt.Println(problem)
	}
	if len(problems) > 0 || checked == 0 {
		os.Exit(1)
	}
}

func checkQuery(p parser.Parser, expr string, known map[string]bool, where string) []string {
	ast, err := p.ParseExpr(grafanaVariables.Replace(expr))
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", where, err)}
	}
	var problems []string
	parser.Inspect(ast, func(node parser.Node, _ []parser.Node) error {
		if vs, ok := node.(*parser.VectorSelector); ok && known != nil && !known[vs.Name] {
			problems = append(problems, fmt.Sprintf("%s: selects %q, which no service exports", where, vs.Name))
		}
		return nil
	})
	return problems
}

// Every panel, rows' nested panels included.
func readPanels(path string) ([]panel, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var all []panel
	var walk func([]panel)
	walk = func(ps []panel) {
		for _, pn := range ps {
			all = append(all, pn)
			walk(pn.Panels)
		}
	}
	walk(d.Panels)
	return all, nil
}

// The series names an exposition holds: each family's name, and a histogram's or summary's derived series.
func exportedNames(path string) (map[string]bool, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	// Series Prometheus writes itself for every target it scrapes.
	names := map[string]bool{"up": true, "scrape_duration_seconds": true, "scrape_samples_scraped": true}
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) != 4 || fields[0] != "#" || fields[1] != "TYPE" {
			continue
		}
		name, kind := fields[2], fields[3]
		names[name] = true
		switch kind {
		case "histogram":
			names[name+"_bucket"], names[name+"_sum"], names[name+"_count"] = true, true, true
		case "summary":
			names[name+"_sum"], names[name+"_count"] = true, true
		}
	}
	return names, scanner.Err()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "promql-check:", err)
	os.Exit(2)
}
