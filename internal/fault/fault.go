// Package fault defines the kinds of failure TermScore reports to users.
// Readers and services return a *fault.Error; the CLI maps its Kind to an
// exit status and the server to an HTTP status, each in one place.
package fault

import (
	"errors"
	"fmt"
)

// Kind classifies an error for exit codes and HTTP statuses.
type Kind int

// Error kinds.
const (
	Internal    Kind = iota // a bug or an unexpected condition
	Invalid                 // corrupt, truncated or malformed input
	Unsupported             // a file type TermScore does not read
	Encrypted               // password-protected input
	TooLarge                // input over a configured limit
	Empty                   // no bytes, or no text at all
	ToolMissing             // an optional external program is not installed
	Timeout                 // reading took longer than allowed
	NotFound
	Unauthorized
	Forbidden
)

var kindNames = [...]string{"internal", "invalid", "unsupported", "encrypted", "too_large", "empty", "tool_missing", "timeout", "not_found", "unauthorized", "forbidden"}

// String returns the kind's stable code, used in JSON errors.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "internal"
}

// Error is an error with a kind, the file it concerns, and a reason a user
// can act on.
type Error struct {
	Kind   Kind
	File   string // the file the error concerns, if any
	Reason string // what went wrong, in plain words
	Err    error  // the underlying error, if any
}

func (e *Error) Error() string {
	msg := e.Reason
	if e.Err != nil {
		if msg == "" {
			msg = e.Err.Error()
		} else {
			msg += ": " + e.Err.Error()
		}
	}
	if e.File != "" {
		return e.File + ": " + msg
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error of kind k with a formatted reason.
func New(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Reason: fmt.Sprintf(format, args...)}
}

// Wrap returns an error of kind k with a reason, wrapping err.
func Wrap(k Kind, err error, reason string) error {
	return &Error{Kind: k, Reason: reason, Err: err}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// WithFile names the file err concerns. A *Error without a file gets it
// set (on a copy); any other error becomes an Internal *Error for file.
func WithFile(err error, file string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		if e.File != "" {
			return err
		}
		c := *e
		c.File = file
		return &c
	}
	return &Error{Kind: Internal, File: file, Err: err}
}
