// Package runner executes notebooks through Jupyter (nbclient, driven by
// kernel/assets/run_notebook.py): `econb replicate` runs every notebook of
// notebooks/ into build/replication/, and `econb test` sets everything up,
// runs go vet and go test ./... and then replicate, as CI does.
package runner
