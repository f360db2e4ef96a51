package setup

import "github.com/econb/econb/kernel/internal/cli"

// Commands are econb's kernel installation and diagnosis commands.
func Commands() []cli.Command {
	return []cli.Command{
		{Name: "install", Summary: "build GoNB (patched), goimports, gopls and the econb command; install the Jupyter kernel \"Go (econb)\"", Run: runInstall},
		{Name: "doctor", Summary: "check go, the tools, the econb command, the kernelspec, the go.work wiring and jupyter; print fixes", Run: runDoctor},
	}
}
