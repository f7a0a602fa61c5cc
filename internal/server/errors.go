package server

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/termscore/termscore/internal/fault"
)

// apiError is an error with the HTTP status and stable code it is
// reported with, in JSON ({"error": {"code", "message"}}) or on a page.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Message }

// badRequest is a malformed request: a missing field, an unknown role.
func badRequest(code, msg string) error {
	return &apiError{Status: http.StatusBadRequest, Code: code, Message: msg}
}

// errorOf maps any error to its status, code and message. This is the one
// place where fault kinds become HTTP statuses.
func errorOf(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &apiError{http.StatusRequestEntityTooLarge, "too_large", "the upload is larger than this server accepts"}
	}
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return &apiError{http.StatusInternalServerError, "internal", "something went wrong on the server; try again"}
	}
	status := map[fault.Kind]int{
		fault.Invalid:      http.StatusUnprocessableEntity,
		fault.Empty:        http.StatusUnprocessableEntity,
		fault.Encrypted:    http.StatusUnprocessableEntity,
		fault.Unsupported:  http.StatusUnsupportedMediaType,
		fault.TooLarge:     http.StatusRequestEntityTooLarge,
		fault.NotFound:     http.StatusNotFound,
		fault.Unauthorized: http.StatusUnauthorized,
		fault.Forbidden:    http.StatusForbidden,
		fault.Timeout:      http.StatusGatewayTimeout,
		fault.ToolMissing:  http.StatusNotImplemented,
	}[fe.Kind]
	if status == 0 {
		return &apiError{http.StatusInternalServerError, "internal", "something went wrong on the server; try again"}
	}
	// The message is the reason without a server-side path: the upload's
	// own name is what the user knows it by.
	msg := fe.Reason
	if fe.Err != nil && fe.Kind != fault.Internal {
		if msg == "" {
			msg = fe.Err.Error()
		}
	}
	if fe.File != "" {
		msg = fe.File + ": " + msg
	}
	return &apiError{status, fe.Kind.String(), msg}
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError reports err as JSON; internal errors are logged, not shown.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := errorOf(err)
	if e.Status >= 500 {
		s.log.Error("request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="termscore"`)
	}
	writeJSON(w, e.Status, errorBody{errorDetail{e.Code, e.Message}})
}
