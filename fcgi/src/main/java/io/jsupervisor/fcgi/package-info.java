/** placeholder */
package io.jsupervisor.fcgi;
