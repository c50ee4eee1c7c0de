package io.jsupervisor.daemon;
