package queue

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/store"
)

// cluster is a PostgreSQL cluster of the test's own, so that restarting
// it disturbs nobody else's tests.
type cluster struct {
	bin, dir string
	port     int
	as       []string // runuser prefix when running as root
}

func newCluster(t *testing.T) *cluster {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL is not installed (scripts/deps installs it)")
		}
		t.Skip("PostgreSQL is not installed")
	}
	sort.Strings(bins)
	c := &cluster{bin: filepath.Dir(bins[len(bins)-1])}
	dir, err := os.MkdirTemp("", "tsq-pg")
	if err != nil {
		t.Fatal(err)
	}
	c.dir = dir
	t.Cleanup(func() {
		c.run("pg_ctl", "-D", c.dir+"/data", "-m", "immediate", "stop")
		os.RemoveAll(dir)
	})
	owner := ""
	if os.Getuid() == 0 {
		// initdb refuses to run as root.
		c.as = []string{"runuser", "-u", "postgres", "--"}
		owner = "postgres"
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("no postgres user to run a cluster as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		os.Chown(dir, uid, gid)
	} else {
		u, _ := user.Current()
		owner = u.Username
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	if out, err := c.run("initdb", "-D", dir+"/data", "-U", owner, "--auth=trust", "-E", "UTF8", "--no-locale"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	c.start(t)
	if out, err := c.run("createdb", "-h", dir, "-p", strconv.Itoa(c.port), "-U", owner, "termscore"); err != nil {
		t.Fatalf("createdb: %v\n%s", err, out)
	}
	return c
}

func (c *cluster) url() string {
	u := "postgres"
	if len(c.as) == 0 {
		cu, _ := user.Current()
		u = cu.Username
	}
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/termscore?sslmode=disable", u, c.port)
}

func (c *cluster) run(name string, args ...string) ([]byte, error) {
	argv := append(append([]string{}, c.as...), append([]string{filepath.Join(c.bin, name)}, args...)...)
	return exec.Command(argv[0], argv[1:]...).CombinedOutput()
}

func (c *cluster) start(t *testing.T) {
	t.Helper()
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c max_connections=100", c.port, c.dir)
	if out, err := c.run("pg_ctl", "-D", c.dir+"/data", "-l", c.dir+"/server.log", "-w", "-t", "60", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(c.dir + "/server.log")
		t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

// TestPostgresRestart restarts PostgreSQL in the middle of a batch worked
// by two worker processes: the batch still finishes with every document
// reported or failed exactly once.
func TestPostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL cluster of its own")
	}
	c := newCluster(t)
	db := c.url()
	ctx := context.Background()
	termscoreBinary(t)
	st, err := store.Open(ctx, db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc, err := Open(ctx, st, Config{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(ctx)
	b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "restart"}, testSources(t))
	if err != nil {
		t.Fatal(err)
	}
	_, out1 := startWorker(t, db, "w1", "--delay", "100ms")
	_, out2 := startWorker(t, db, "w2", "--delay", "100ms")
	for end := time.Now().Add(time.Minute); ; {
		var done int
		if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM batch_items WHERE status = 'done'`).Scan(&done); err != nil {
			t.Fatal(err)
		}
		if done >= 8 {
			if done > 30 {
				t.Fatalf("%d of 40 documents done before the restart: too late to test it", done)
			}
			break
		}
		if time.Now().After(end) {
			t.Fatalf("no progress before the restart\nw1: %s\nw2: %s", out1, out2)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// -m fast disconnects every session, aborting the running
	// transactions, as a crash or a failover would.
	if out, err := c.run("pg_ctl", "-D", c.dir+"/data", "-m", "fast", "-w", "stop"); err != nil {
		t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
	time.Sleep(time.Second)
	c.start(t)
	var got *Batch
	for end := time.Now().Add(3 * time.Minute); ; {
		got, err = svc.Batch(ctx, store.LocalOwner, b.ID)
		if err == nil && got.Finished {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("batch not finished after the restart: %+v (%v)\nw1: %s\nw2: %s", got, err, out1, out2)
		}
		time.Sleep(200 * time.Millisecond)
	}
	checkBatch(t, got)
}
