package runner

import "github.com/econb/econb/kernel/internal/cli"

// Commands are econb's notebook runner and its test command.
func Commands() []cli.Command {
	return []cli.Command{
		{Name: "replicate", Summary: "execute every notebook in notebooks/ through Jupyter into build/replication/ (.ipynb + HTML)", Run: runReplicate},
		{Name: "test", Summary: "set up Jupyter, Chromium and the kernel if missing, then go vet, go test ./... and replicate --check (committed outputs reproduced)", Run: runTest},
	}
}
