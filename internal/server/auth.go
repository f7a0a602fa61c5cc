package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"

	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/store"
)

const (
	sessionCookie = "ts_session"
	csrfCookie    = "ts_csrf"
)

// identity is who a request comes from.
type identity struct {
	Owner string // whose scans it sees: a user id, or store.LocalOwner
	Name  string // the user's name; "" without accounts
}

// identify finds the request's user: from an API token, then from a
// session cookie. Without Config.Auth everyone is the local user.
func (s *Server) identify(r *http.Request) (identity, error) {
	if !s.cfg.Auth {
		return identity{Owner: store.LocalOwner}, nil
	}
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return identity{}, fault.New(fault.Unauthorized, "use an Authorization: Bearer TOKEN header")
		}
		u, err := s.store.UserByToken(r.Context(), strings.TrimSpace(tok), store.APIToken)
		if err != nil {
			return identity{}, err
		}
		return identity{Owner: u.ID, Name: u.Name}, nil
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		u, err := s.store.UserByToken(r.Context(), c.Value, store.SessionToken)
		if err == nil {
			return identity{Owner: u.ID, Name: u.Name}, nil
		}
		if fault.KindOf(err) != fault.Unauthorized {
			return identity{}, err
		}
	}
	return identity{}, fault.New(fault.Unauthorized, "sign in first: this server needs an API token")
}

type handlerWithID func(w http.ResponseWriter, r *http.Request, id identity)

// api wraps an API handler: it answers 401 JSON to unknown callers.
func (s *Server) api(h handlerWithID) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := s.identify(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		h(w, r, id)
	})
}

// page wraps a page handler: unknown callers are sent to sign in, and
// every form posted must carry the CSRF token of the page it came from.
func (s *Server) page(h handlerWithID) http.Handler { return s.pageWith(h, false) }

// uploadForm wraps the upload form's handler like page, except that a
// multipart post without the X-CSRF-Token header is left to the handler,
// which finds the token among the form's fields (readUpload): it cannot
// be read before the body is, and must not be put in the URL.
func (s *Server) uploadForm(h handlerWithID) http.Handler { return s.pageWith(h, true) }

func (s *Server) pageWith(h handlerWithID, tokenInForm bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := s.identify(r)
		if fault.KindOf(err) == fault.Unauthorized && !isAPI(r) {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		formToken := tokenInForm && r.Header.Get("X-CSRF-Token") == "" &&
			strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/")
		if r.Method == http.MethodPost && !formToken && !s.validCSRF(r) {
			s.fail(w, r, errCSRF)
			return
		}
		h(w, r, id)
	})
}

// csrfToken returns the request's CSRF token, setting the cookie that
// holds it when there is none yet (double-submit: a form is valid when
// its hidden field matches the cookie, which another site cannot read).
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if tok := csrfCookieValue(r); tok != "" {
		return tok
	}
	var b [24]byte
	rand.Read(b[:])
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteStrictMode})
	return tok
}

// errCSRF refuses a form posted without its page's token.
var errCSRF = &apiError{http.StatusForbidden, "csrf", "this form has expired; reload the page and try again"}

// csrfCookieValue is the token a form posted by r must carry; "" when r
// has no valid cookie.
func csrfCookieValue(r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	return ""
}

// validCSRF tells whether r carries its CSRF token in the X-CSRF-Token
// header or, for a form that is not multipart, in its "csrf" field. A
// token in the URL is not accepted: pages never put it there.
func (s *Server) validCSRF(r *http.Request) bool {
	want := csrfCookieValue(r)
	if want == "" {
		return false
	}
	// Multipart uploads carry the token in a header set by the page's
	// script or in the form; other forms in the form body.
	got := r.Header.Get("X-CSRF-Token")
	if got == "" && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		got = r.PostFormValue("csrf")
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (s *Server) setSession(w http.ResponseWriter, tok string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, MaxAge: maxAge,
		Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
}

// localPath keeps a redirect target on this server.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return "/"
	}
	return p
}
