/** placeholder */
package io.jsupervisor.jmx;
