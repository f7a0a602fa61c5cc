// Command termscore reads contracts, finds risky clauses and missing
// protections, scores them and suggests fixes. See the README.
package main

import (
	"os"

	"github.com/termscore/termscore/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
