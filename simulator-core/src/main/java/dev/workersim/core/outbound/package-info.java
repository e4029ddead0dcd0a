/**
 * Where a worker's subrequests leave it. {@link dev.workersim.core.outbound.OutboundHandler} is the
 * seam (one call per HTTP exchange, redirect hops included); {@link
 * dev.workersim.core.outbound.NetworkOutbound} is the default, over java.net.http. Bodies both ways
 * are {@link dev.workersim.core.outbound.OutboundBody}: pulled a chunk at a time, so neither side
 * holds a large body whole. Set a handler with {@code Simulator.builder().outbound(...)}.
 */
package dev.workersim.core.outbound;
