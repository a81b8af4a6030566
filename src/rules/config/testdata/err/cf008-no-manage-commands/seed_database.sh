#!/bin/bash
echo "nothing to do"
