// Command ferretdb runs FerretDB 1.x (a MongoDB wire-protocol server) over PostgreSQL for local
// development and CI on machines without Docker. It is started by scripts/services.sh.
//
// It embeds github.com/FerretDB/FerretDB/ferretdb instead of building FerretDB's own cmd/ferretdb:
// a binary built from the module proxy copy of cmd/ferretdb panics at start because the
// generated build/version/version.txt is not part of the module (FerretDB issues #2982, #4889).
// Telemetry is disabled by the embedded package.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func ferretVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/FerretDB/FerretDB" {
				return d.Version
			}
		}
	}
	return "unknown"
}

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	pgURL := flag.String("postgresql-url", "postgres://127.0.0.1:5432/ferretdb", "PostgreSQL connection URL")
	level := flag.String("log-level", "info", "log level: debug, info, warn or error")
	version := flag.Bool("version", false, "print the FerretDB version and exit")
	flag.Parse()

	if *version {
		fmt.Println(ferretVersion())
		return
	}

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintln(os.Stderr, "bad -log-level:", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		logger.Error("cannot start FerretDB", "error", err)
		os.Exit(1)
	}

	logger.Info("FerretDB starting", "version", ferretVersion(), "listen", *listen, "handler", "postgresql")
	if err := f.Run(ctx); err != nil {
		logger.Error("FerretDB stopped", "error", err)
		os.Exit(1)
	}
}
