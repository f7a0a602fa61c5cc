package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/termscore/termscore/internal/analyze"
)

// config holds the defaults a user would otherwise repeat on every command:
// their own jurisdiction, the name on their tracked changes, their rule
// packs and market statistics. A flag given on the command line wins.
type config struct {
	Home   string `yaml:"home"`   // --home of scan, batch and redline
	Author string `yaml:"author"` // --author of redline
	Rules  string `yaml:"rules"`  // --rules
	Market string `yaml:"market"` // --market

	path  string // where it was looked for
	found bool
}

// configFlags pairs each setting with the flag it gives a default to.
func (c *config) configFlags() []struct{ key, flag, value string } {
	return []struct{ key, flag, value string }{
		{"home", "home", c.Home},
		{"author", "author", c.Author},
		{"rules", "rules", c.Rules},
		{"market", "market", c.Market},
	}
}

// maxConfigSize bounds the file read: a few settings take a few lines.
const maxConfigSize = 64 << 10

// configPath returns the file named by $TERMSCORE_CONFIG, which must
// exist, or termscore/config.yaml in the user's configuration directory
// ($XDG_CONFIG_HOME or ~/.config on Linux), which may not.
func configPath() (path string, explicit bool) {
	if p := os.Getenv("TERMSCORE_CONFIG"); p != "" {
		return p, true
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", false // no configuration directory: no defaults
	}
	return filepath.Join(dir, "termscore", "config.yaml"), false
}

// loadConfig reads the configuration file. A missing default file is no
// configuration; an unreadable or invalid one is an error naming the file
// and the setting.
func loadConfig() (*config, error) {
	path, explicit := configPath()
	c := &config{path: path}
	if path == "" {
		return c, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return c, nil
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the message names the file once
		}
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if len(data) > maxConfigSize {
		return nil, fmt.Errorf("config %s: larger than %d KB; it holds a few settings (home, author, rules, market)", path, maxConfigSize>>10)
	}
	if err := yaml.UnmarshalWithOptions(data, c, yaml.DisallowUnknownField()); err != nil {
		return nil, fmt.Errorf("config %s: %s (settings: home, author, rules, market)", path, firstLine(err.Error()))
	}
	c.found = true
	if c.Home, err = analyze.CheckHome(c.Home); err != nil {
		return nil, fmt.Errorf("config %s: home: %w", path, err)
	}
	// Paths are relative to the file, not to wherever a command runs.
	for _, p := range []*string{&c.Rules, &c.Market} {
		if *p != "" && *p != "none" && !filepath.IsAbs(*p) {
			*p = filepath.Join(filepath.Dir(path), *p)
		}
	}
	return c, nil
}

// apply gives each flag of fs the configuration does not leave empty its
// value, unless the command line set it.
func (c *config) apply(fs *pflag.FlagSet) error {
	for _, s := range c.configFlags() {
		f := fs.Lookup(s.flag)
		if s.value == "" || f == nil || f.Changed {
			continue
		}
		if err := fs.Set(s.flag, s.value); err != nil {
			return fmt.Errorf("config %s: %s: %w", c.path, s.key, err)
		}
	}
	return nil
}

// firstLine keeps the YAML decoder's message and drops the source excerpt
// it draws under it.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}

func (a *app) configCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Show the configuration file and the defaults it gives",
		Long: "termscore reads defaults for some flags from a YAML file: $TERMSCORE_CONFIG, or\n" +
			"termscore/config.yaml in your configuration directory (~/.config on Linux). A flag on the\n" +
			"command line wins. Settings:\n\n" +
			"  home: US-CA          # --home: your jurisdiction (scan, batch, redline)\n" +
			"  author: Jane Doe     # --author: the name on redline's tracked changes\n" +
			"  rules: my-packs      # --rules: your own rule packs (relative to the file)\n" +
			"  market: stats.json   # --market: your market statistics, or none",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := loadConfig()
			if err != nil {
				return err
			}
			state := "found"
			if !c.found {
				state = "not found: built-in defaults"
			}
			fmt.Fprintf(a.stdout, "Config file  %s (%s)\n", c.path, state)
			for _, s := range c.configFlags() {
				v := s.value
				if v == "" {
					v = "-"
				}
				fmt.Fprintf(a.stdout, "  %-10s %s\n", s.key, v)
			}
			return nil
		},
	}
}
