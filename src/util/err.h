/*
** Error codes shared by every layer. Functions return enum app_err and write
** results through pointers. One place (web/errors.c) maps them to HTTP
** statuses and Vietnamese messages.
*/
#ifndef GIAMSAT_UTIL_ERR_H
#define GIAMSAT_UTIL_ERR_H

enum app_err {
	APP_OK = 0,
	APP_EINVAL,     /* bad input: the caller said something wrong */
	APP_ENOTFOUND,  /* no such record or file */
	APP_EDENIED,    /* outside the caller's rights or scope */
	APP_EAUTH,      /* wrong login or password, or no valid session */
	APP_ETHROTTLED, /* too many attempts; try later */
	APP_EEXIST,     /* would overwrite or duplicate something */
	APP_ECONFLICT,  /* state does not allow it (locked, in use) */
	APP_ETOOBIG,    /* over a size limit */
	APP_EDB,        /* the store failed */
	APP_EIO,        /* a file or socket failed */
	APP_ECORRUPT,   /* stored data is damaged */
	APP_ENOMEM,     /* allocation failed */
	APP_EINTERNAL   /* a bug */
};

/* Return the short English name of an error ("EINVAL"): static, never NULL. */
const char *app_err_name(enum app_err e);

#endif
