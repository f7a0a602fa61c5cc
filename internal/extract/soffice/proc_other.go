//go:build !unix

package soffice

import "os/exec"

// killGroup leaves cmd as it is: exec.CommandContext kills the process.
func killGroup(cmd *exec.Cmd) {}
