// Package setup is econb's kernel installation and diagnosis: the install
// and doctor commands, and what `econb replicate` and `econb test` need
// before they run (Python with Jupyter, Chromium, the kernel).
//
// What install puts where (the user layout; --prefix DIR puts everything
// under DIR instead):
//
//	~/.local/share/econb/bin/      gonb (patched, see gonb.go), goimports, gopls, econb
//	~/.local/bin/econb             a link to the econb command, for shells
//	~/.local/share/jupyter/kernels/econb/   kernel.json and the logos
//	~/.local/share/econb/venv/     Python with kernel/requirements.txt (replicate, test)
//
// It also downloads every module go.mod pins, so that notebooks build
// offline, and adds ~/.local/bin to PATH in the shell profiles when it is
// missing there (unless --no-modify-path). Each step reports what it wrote
// or left unchanged; a second run changes nothing.
package setup
